import type { OutboxRecord } from "../../platform/outbox/outbox-record.ts";
import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { Charge, ChargeOutcome, NewCharge } from "../domain/charge.ts";

/** What `beginCharge` found: the charge it wrote (`created`), or the one the key already had. */
export interface BeganCharge {
  readonly charge: Charge;
  readonly created: boolean;
}

/** What `settleCharge` did: `changed` false when the charge was already settled (nothing written). */
export interface SettledCharge {
  readonly charge: Charge;
  readonly changed: boolean;
}

/**
 * The charges: written before the gateway is called, settled by its answer. Production: PostgreSQL
 * (`adapters/postgres/charge.repository.ts`).
 */
export interface ChargeRepository {
  /**
   * Writes the charge INITIATED under its idempotency key, or answers the charge the key already has
   * (`created: false`, whatever its status: the caller resumes an INITIATED one with the same key).
   * The same key with another request (`requestHash`): IdempotencyConflictError. Concurrent calls with
   * one key write one charge. An unknown or detached method: UnknownPaymentMethodError,
   * DetachedPaymentMethodError.
   */
  beginCharge(charge: NewCharge): Promise<BeganCharge>;
  /**
   * Records the gateway's answer (confirm, hold or fail, see CHARGE_TRANSITIONS) and its stream
   * records in one transaction. A charge the answer no longer applies to (settled before) is answered
   * as it is, unchanged, and the records are not written. Unknown: UnknownChargeError.
   */
  settleCharge(
    confirmationId: string,
    outcome: ChargeOutcome,
    records: readonly OutboxRecord[],
  ): Promise<SettledCharge>;
  getCharge(confirmationId: string): Promise<Charge | undefined>;
  /** The charge the gateway knows by `gatewayRef` (a webhook names the gateway's object). */
  chargeByGatewayRef(gatewayRef: string): Promise<Charge | undefined>;
  /** A user's charges, newest first; the cursor is opaque and bound to the user. */
  listCharges(userId: string, page: PageRequest): Promise<Page<Charge>>;
}
