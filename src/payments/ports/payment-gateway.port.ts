/**
 * The payment gateway behind the Payment Service (ADR-005 of the catalogue: Stripe sits behind the
 * service, never in front of its callers). Production: `adapters/stripe/`; locally and in tests: the
 * sandbox gateway (`adapters/sandbox/`), steered by user id. One contract suite runs on both
 * (`test/contracts/payments/payment-gateway.contract.ts`).
 *
 * Every call that moves money takes the caller's idempotency key and passes it to the gateway, so a
 * call repeated after a crash or a timeout answers the first outcome and never moves money twice.
 * Amounts are whole cents of an ISO 4217 currency, upper case here (the adapter speaks the gateway's case).
 *
 * Errors: `GatewayUnavailableError` when the gateway cannot be reached or says it is unavailable (a
 * charge may have been made: repeat with the same key to learn its outcome); `GatewayRefusedError`
 * for a request the gateway refuses (an unknown or detached method, a refund over what is left), naming
 * the rule, never the gateway's own words. A declined charge is an outcome, not an error.
 */
export interface PaymentGateway {
  /** The gateway's customer for a user: created on first use, the same one for every later call. */
  customer(userId: string): Promise<GatewayCustomer>;
  /** Attaches a payment method from a client-side token (Stripe: `pm_...`) to the customer. */
  attachMethod(customerRef: string, token: string): Promise<GatewayPaymentMethod>;
  detachMethod(methodRef: string): Promise<void>;
  /** Charges a method now, off session, confirmed at once. */
  charge(input: GatewayChargeRequest): Promise<GatewayCharge>;
  refund(input: GatewayRefundRequest): Promise<GatewayRefund>;
  /**
   * The gateway's webhook, its signature checked (`InvalidWebhookSignatureError` otherwise): the event
   * as the service acts on it, or `{ kind: "ignored" }` for a type it does not act on.
   */
  webhookEvent(payload: string, signature: string): Promise<GatewayEvent>;
}

export interface GatewayCustomer {
  readonly ref: string;
}

export const FUNDING_KINDS = ["debit", "credit", "prepaid", "unknown"] as const;
export type Funding = (typeof FUNDING_KINDS)[number];

export interface GatewayPaymentMethod {
  /** The gateway's id of the attached method (Stripe: `pm_...`, a new one for every attach). */
  readonly ref: string;
  /** Lower case network name: "visa", "mastercard", ... */
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly funding: Funding;
}

export interface GatewayChargeRequest {
  readonly customerRef: string;
  readonly methodRef: string;
  readonly amountCents: number;
  readonly currency: string;
  /** What the user reads on their statement. */
  readonly description: string;
  readonly idempotencyKey: string;
  /** Roster's own ids, kept on the gateway's object (Stripe metadata) to find it from a webhook. */
  readonly metadata: Readonly<Record<string, string>>;
}

export const DECLINE_REASONS = [
  "card_declined",
  "insufficient_funds",
  "expired_card",
  "incorrect_cvc",
  "fraud_suspected",
  "authentication_required",
  "processing_error",
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** `succeeded`: collected; `processing`: accepted, settles later (a webhook says how); `declined`: no money moved. */
export type GatewayCharge =
  | { readonly ref: string; readonly outcome: "succeeded" | "processing" }
  | { readonly ref: string | undefined; readonly outcome: "declined"; readonly reason: DeclineReason };

export interface GatewayRefundRequest {
  /** The gateway's reference of the charge (`GatewayCharge.ref`). */
  readonly chargeRef: string;
  readonly amountCents: number;
  readonly idempotencyKey: string;
}

export interface GatewayRefund {
  readonly ref: string;
  readonly status: "succeeded" | "pending" | "failed";
}

export const DISPUTE_STATUSES = ["needs_response", "under_review", "won", "lost"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** What a webhook tells the service; `eventId` is the gateway's, unique per event (webhooks come at least once). */
export type GatewayEvent =
  | {
      /** Created, moved on (Stripe's `updated` and `funds_withdrawn`), or closed; `status` says where it is. */
      readonly kind: "dispute.opened" | "dispute.updated" | "dispute.closed";
      readonly eventId: string;
      readonly occurredAt: Date;
      readonly disputeRef: string;
      readonly chargeRef: string;
      readonly amountCents: number;
      readonly status: DisputeStatus;
    }
  | {
      readonly kind: "charge.settled" | "charge.failed";
      readonly eventId: string;
      readonly occurredAt: Date;
      readonly chargeRef: string;
      readonly reason?: DeclineReason;
    }
  | { readonly kind: "ignored"; readonly eventId: string; readonly type: string };
