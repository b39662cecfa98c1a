/**
 * A refund of part or all of a charge. Its amount is reserved on the charge (`refundedCents`) in the
 * same transaction that writes it REQUESTED, before the gateway is called: the database then refuses
 * any refund over what is left, however many arrive at once, and a retry with the same key finds it.
 */
export const REFUND_STATUSES = ["REQUESTED", "PENDING", "SUCCEEDED", "FAILED"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** From which statuses each outcome may be recorded (a settled refund is never settled again). */
export const REFUND_TRANSITIONS: Readonly<Record<RefundOutcome["status"], readonly RefundStatus[]>> = {
  PENDING: ["REQUESTED"],
  SUCCEEDED: ["REQUESTED", "PENDING"],
  FAILED: ["REQUESTED", "PENDING"],
};

export interface Refund {
  readonly refundId: string;
  readonly confirmationId: string;
  readonly amountCents: number;
  readonly status: RefundStatus;
  readonly gatewayRef?: string;
  readonly idempotencyKey: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewRefund {
  readonly confirmationId: string;
  readonly amountCents: number;
  readonly idempotencyKey: string;
  /** A digest of the request the key came with (see NewCharge.requestHash). */
  readonly requestHash: string;
}

/** What the gateway answered; FAILED gives the reserved amount back to the charge. */
export interface RefundOutcome {
  readonly status: "PENDING" | "SUCCEEDED" | "FAILED";
  readonly gatewayRef?: string;
}
