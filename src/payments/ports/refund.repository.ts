import type { OutboxRecord } from "../../platform/outbox/outbox-record.ts";
import type { Charge } from "../domain/charge.ts";
import type { NewRefund, Refund, RefundOutcome } from "../domain/refund.ts";

export interface RecordedRefund {
  readonly refund: Refund;
  /** The charge after the refund's amount was reserved on it. */
  readonly charge: Charge;
  /** False when the key already had this refund (nothing written). */
  readonly created: boolean;
}

export interface SettledRefund {
  readonly refund: Refund;
  readonly charge: Charge;
  readonly changed: boolean;
}

/** Refunds of a charge. Production: PostgreSQL (`adapters/postgres/refund.repository.ts`). */
export interface RefundRepository {
  /**
   * Writes the refund REQUESTED and reserves its amount on the charge, with its stream records, in one
   * transaction, before the gateway is called. The database refuses an amount over what is left, and
   * a charge that is not CONFIRMED (ChargeRefusedError naming the cents left or the status), however
   * many refunds arrive at once. The same key again answers the stored refund (`created: false`); the
   * same key with another request: IdempotencyConflictError. Unknown charge: UnknownChargeError.
   */
  recordRefund(refund: NewRefund, records: readonly OutboxRecord[]): Promise<RecordedRefund>;
  /**
   * Records the gateway's answer with its stream records in one transaction; FAILED gives the reserved
   * amount back to the charge. A refund already settled is answered unchanged, records not written.
   */
  settleRefund(
    refundId: string,
    outcome: RefundOutcome,
    records: readonly OutboxRecord[],
  ): Promise<SettledRefund>;
  getRefund(refundId: string): Promise<Refund | undefined>;
  /** A charge's refunds, oldest first (a charge has few: its amount bounds them). */
  refundsOf(confirmationId: string): Promise<Refund[]>;
}
