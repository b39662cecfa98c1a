import type { Transaction } from "kysely";
import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import { appendOutbox } from "../../../platform/relational/outbox.append.ts";
import { decideCharge } from "../../domain/charge-lifecycle.ts";
import {
  chargeEventFor,
  type Dispute,
  type DisputeEvent,
  isClosed,
  supersedes,
} from "../../domain/dispute.ts";
import { UnknownChargeError } from "../../domain/payment-store.errors.ts";
import type { DisputeEffect, DisputeOutcome, DisputeRepository } from "../../ports/dispute.repository.ts";
import type { PaymentStoreDeps } from "./payment-store.deps.ts";
import { chargeOf, disputeOf } from "./payments.mapper.ts";
import type { ChargeRow, PaymentsDatabase } from "./payments.tables.ts";

type Tx = Transaction<PaymentsDatabase>;

/** `disputes` and `gateway_events` on PostgreSQL (migration 0001). */
export class PostgresDisputeRepository implements DisputeRepository {
  readonly #deps: PaymentStoreDeps;
  constructor(deps: PaymentStoreDeps) {
    this.#deps = deps;
  }

  /**
   * The event id goes into `gateway_events` first (ON CONFLICT DO NOTHING: a redelivery, even a
   * concurrent one, inserts nothing and stops). The disputed charge's row is then locked, so events
   * of one charge apply one at a time, each against the state the previous one committed.
   */
  async applyDisputeEvent(
    event: DisputeEvent,
    records: (effect: DisputeEffect) => readonly OutboxRecord[],
  ): Promise<DisputeOutcome> {
    const now = this.#deps.clock.now();
    return this.#deps.db.transaction().execute(async (tx) => {
      const fresh = await tx
        .insertInto("gateway_events")
        .values({ event_id: event.eventId, kind: event.kind, received_at: now })
        .onConflict((conflict) => conflict.column("event_id").doNothing())
        .returning("event_id")
        .executeTakeFirst();
      if (!fresh) return { applied: false, reason: "duplicate" };
      const charge = await tx
        .selectFrom("charges")
        .selectAll()
        .where("gateway_ref", "=", event.chargeRef)
        .forUpdate()
        .executeTakeFirst();
      // Thrown, so the event id rolls back too: a redelivery once the charge is known still applies.
      if (!charge) throw new UnknownChargeError();
      const current = await tx
        .selectFrom("disputes")
        .selectAll()
        .where("dispute_id", "=", event.disputeRef)
        .executeTakeFirst();
      if (current && !supersedes(event, disputeOf(current))) {
        await keepEarliestOpening(tx, current.dispute_id, event.occurredAt, now);
        return { applied: false, reason: "superseded" };
      }
      const dispute = await upsertDispute(
        tx,
        event,
        charge.confirmation_id,
        current && disputeOf(current),
        now,
      );
      const disputeChanged = current?.status !== dispute.status;
      const effect = { ...(await followDispute(tx, charge, dispute, now)), disputeChanged };
      await appendOutbox(tx, records(effect), now);
      return { applied: true, ...effect };
    });
  }

  async getDispute(disputeId: string): Promise<Dispute | undefined> {
    const row = await this.#deps.db
      .selectFrom("disputes")
      .selectAll()
      .where("dispute_id", "=", disputeId)
      .executeTakeFirst();
    return row && disputeOf(row);
  }
}

/** The newest event's status and time; the opening is the earliest event time seen. */
async function upsertDispute(
  tx: Tx,
  event: DisputeEvent,
  confirmationId: string,
  current: Dispute | undefined,
  now: Date,
): Promise<Dispute> {
  const openedAt =
    current && current.openedAt.getTime() < event.occurredAt.getTime() ? current.openedAt : event.occurredAt;
  const values = {
    amount_cents: event.amountCents,
    status: event.status,
    opened_at: openedAt,
    closed_at: isClosed(event.status) ? event.occurredAt : null,
    last_event_at: event.occurredAt,
    updated_at: now,
  };
  const row = await tx
    .insertInto("disputes")
    .values({ dispute_id: event.disputeRef, confirmation_id: confirmationId, ...values })
    .onConflict((conflict) => conflict.column("dispute_id").doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return disputeOf(row);
}

async function keepEarliestOpening(tx: Tx, disputeId: string, at: Date, now: Date): Promise<void> {
  await tx
    .updateTable("disputes")
    .set({ opened_at: at, updated_at: now })
    .where("dispute_id", "=", disputeId)
    .where("opened_at", ">", at)
    .execute();
}

/**
 * The charge follows its dispute's status (domain/dispute.ts `chargeEventFor`). A transition the
 * charge's state machine refuses (a second dispute of a charged-back charge) leaves the charge as it is.
 */
async function followDispute(
  tx: Tx,
  row: ChargeRow,
  dispute: Dispute,
  now: Date,
): Promise<Omit<DisputeEffect, "disputeChanged">> {
  const charge = chargeOf(row);
  const decision = decideCharge(chargeEventFor(dispute.status), charge);
  if (!decision.ok || decision.status === charge.status) return { dispute, charge, chargeChanged: false };
  const updated = await tx
    .updateTable("charges")
    .set({ status: decision.status, updated_at: now })
    .where("confirmation_id", "=", charge.confirmationId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { dispute, charge: chargeOf(updated), chargeChanged: true };
}
