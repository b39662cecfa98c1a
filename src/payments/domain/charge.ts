/**
 * A charge: one attempt to move money from a user's payment method (../shared/design/payments.md).
 * Written INITIATED before the gateway is called, with the caller's idempotency key, so a retry after a
 * crash finds it and calls the gateway again with the same key (Kill Bill #508): a key never pays twice.
 * Amounts are whole cents of an upper-case ISO 4217 currency.
 */
export const CHARGE_KINDS = ["ONE_TIME", "RENEWAL"] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

export const CHARGE_STATUSES = [
  "INITIATED",
  "CONFIRMED",
  "PENDING",
  "FAILED",
  "REFUNDED",
  "CHARGED_BACK",
] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

/**
 * Why a charge failed, in Roster's words (the gateway port's `DeclineReason`; the two lists are held
 * equal by a compile-time check in adapters/postgres/payments.tables.ts).
 */
export const CHARGE_DECLINE_REASONS = [
  "card_declined",
  "insufficient_funds",
  "expired_card",
  "incorrect_cvc",
  "fraud_suspected",
  "authentication_required",
  "processing_error",
] as const;
export type ChargeDeclineReason = (typeof CHARGE_DECLINE_REASONS)[number];

export interface Charge {
  /** What the User Service stores as `membership_confirmation_id`. */
  readonly confirmationId: string;
  readonly userId: string;
  readonly kind: ChargeKind;
  readonly subscriptionId?: string;
  readonly billingCycleId?: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly description: string;
  readonly methodId: string;
  readonly status: ChargeStatus;
  /** Present exactly when FAILED. */
  readonly declineReason?: ChargeDeclineReason;
  /** The gateway's reference (Stripe: `pi_...`); absent until the gateway answered. */
  readonly gatewayRef?: string;
  readonly idempotencyKey: string;
  /** Refunded, or reserved by a refund the gateway has not answered yet. */
  readonly refundedCents: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewCharge {
  readonly userId: string;
  readonly kind: ChargeKind;
  readonly subscriptionId?: string;
  readonly billingCycleId?: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly description: string;
  readonly methodId: string;
  readonly idempotencyKey: string;
  /**
   * A digest of the request the key came with (the use case's, e.g. SHA-256 of its canonical body):
   * the same key with another request is refused, never answered with the first one's charge.
   */
  readonly requestHash: string;
}

/** What the gateway answered to the charge. */
export type ChargeOutcome =
  | { readonly status: "CONFIRMED" | "PENDING"; readonly gatewayRef: string }
  | { readonly status: "FAILED"; readonly reason: ChargeDeclineReason; readonly gatewayRef?: string };

/** Money left to refund: what was charged minus what is refunded or reserved. */
export const refundableCents = (charge: Pick<Charge, "amountCents" | "refundedCents">): number =>
  charge.amountCents - charge.refundedCents;
