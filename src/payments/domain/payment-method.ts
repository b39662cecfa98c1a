/**
 * A user's card or account as the gateway knows it: never a card number or CVC, only the gateway's
 * reference and what a person needs to recognise it. At most one active method per user is the default.
 */
export const METHOD_FUNDING_KINDS = ["debit", "credit", "prepaid", "unknown"] as const;
export type MethodFunding = (typeof METHOD_FUNDING_KINDS)[number];

export const METHOD_STATUSES = ["active", "detached"] as const;
export type MethodStatus = (typeof METHOD_STATUSES)[number];

export interface PaymentMethod {
  readonly methodId: string;
  readonly userId: string;
  /** The gateway's id of the attached method (Stripe: `pm_...`). */
  readonly gatewayRef: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly funding: MethodFunding;
  readonly isDefault: boolean;
  readonly status: MethodStatus;
  readonly createdAt: Date;
  readonly detachedAt?: Date;
}

export interface NewPaymentMethod {
  readonly userId: string;
  readonly gatewayRef: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly funding: MethodFunding;
  /** Make it the default; a user's first active method becomes the default anyway. */
  readonly makeDefault?: boolean;
}
