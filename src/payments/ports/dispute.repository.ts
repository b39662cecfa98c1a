import type { OutboxRecord } from "../../platform/outbox/outbox-record.ts";
import type { Charge } from "../domain/charge.ts";
import type { Dispute, DisputeEvent } from "../domain/dispute.ts";

/** What a dispute event did, handed to the caller's record builder inside the transaction. */
export interface DisputeEffect {
  readonly dispute: Dispute;
  /** The disputed charge after the event. */
  readonly charge: Charge;
  /**
   * The dispute is new to the store, or its status moved. False when the event repeats the stored state
   * in a later event (Stripe's `funds_withdrawn` after `created`, or `updated` with evidence): nothing to tell.
   */
  readonly disputeChanged: boolean;
  /** The charge's status changed (to CHARGED_BACK, or back when a dispute is won). */
  readonly chargeChanged: boolean;
}

export type DisputeOutcome =
  | { readonly applied: false; readonly reason: "duplicate" | "superseded" }
  | ({ readonly applied: true } & DisputeEffect);

/** Disputes reported by the gateway's webhooks. Production: PostgreSQL (`adapters/postgres/dispute.repository.ts`). */
export interface DisputeRepository {
  /**
   * Applies one webhook event in one transaction: at most once per gateway event id ("duplicate"
   * otherwise), and only when newer than the dispute's state ("superseded" otherwise: an out-of-order
   * delivery ends in the newest state). The charge follows the dispute (domain/dispute.ts `chargeEventFor`);
   * `records` builds the stream records from the effect, written in the same transaction. A charge the
   * gateway names but the store does not know: UnknownChargeError (nothing is recorded, so a redelivery
   * can still apply it).
   */
  applyDisputeEvent(
    event: DisputeEvent,
    records: (effect: DisputeEffect) => readonly OutboxRecord[],
  ): Promise<DisputeOutcome>;
  getDispute(disputeId: string): Promise<Dispute | undefined>;
}
