import { type Kysely, sql, type Transaction } from "kysely";
import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import { appendOutbox } from "../../../platform/relational/outbox.append.ts";
import { CHARGE_TRANSITIONS, decideCharge } from "../../domain/charge-lifecycle.ts";
import {
  ChargeNotRefundableError,
  ChargeRefusedError,
  IdempotencyConflictError,
  UnknownChargeError,
  UnknownRefundError,
} from "../../domain/payment-store.errors.ts";
import { type NewRefund, REFUND_TRANSITIONS, type Refund, type RefundOutcome } from "../../domain/refund.ts";
import type { RecordedRefund, RefundRepository, SettledRefund } from "../../ports/refund.repository.ts";
import { isForeignKeyViolation, type PaymentStoreDeps } from "./payment-store.deps.ts";
import { chargeOf, refundOf } from "./payments.mapper.ts";
import type { ChargeRow, PaymentsDatabase, RefundRow } from "./payments.tables.ts";

type Tx = Transaction<PaymentsDatabase> | Kysely<PaymentsDatabase>;

/** `refunds` on PostgreSQL, reserving on `charges.refunded_cents` (migration 0001). */
export class PostgresRefundRepository implements RefundRepository {
  readonly #deps: PaymentStoreDeps;
  constructor(deps: PaymentStoreDeps) {
    this.#deps = deps;
  }

  /**
   * In one transaction: the refund row (ON CONFLICT on its key: a concurrent same-key call waits and
   * then finds it), then one guarded UPDATE of the charge that only matches while the amount fits
   * what is left and the charge may be refunded. PostgreSQL re-checks that guard on the row version it
   * locked, so of concurrent refunds only those that still fit match; a refused one rolls back its row.
   * The CHECK on refunded_cents backs the guard up.
   */
  async recordRefund(input: NewRefund, records: readonly OutboxRecord[]): Promise<RecordedRefund> {
    const seen = await this.#byKey(this.#deps.db, input.idempotencyKey);
    if (seen) return this.#replayed(this.#deps.db, seen, input);
    if (input.amountCents === 0) {
      // "All that is left" of a charge with nothing left: no row (its CHECK wants cents), a clear refusal.
      const charge = await chargeNamed(this.#deps.db, input.confirmationId).catch(() => undefined);
      if (!charge) throw new UnknownChargeError();
      throw new ChargeNotRefundableError(charge.status);
    }
    const now = this.#deps.clock.now();
    return this.#deps.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto("refunds")
        .values({
          refund_id: this.#deps.ids.next(),
          confirmation_id: input.confirmationId,
          amount_cents: input.amountCents,
          status: "REQUESTED",
          idempotency_key: input.idempotencyKey,
          request_hash: input.requestHash,
          created_at: now,
          updated_at: now,
        })
        .onConflict((conflict) => conflict.column("idempotency_key").doNothing())
        .returningAll()
        .executeTakeFirst()
        .catch((error: unknown) => {
          if (isForeignKeyViolation(error, "refunds_confirmation_id_fkey")) throw new UnknownChargeError();
          throw error;
        });
      if (!inserted) {
        const winner = await this.#byKey(tx, input.idempotencyKey);
        if (!winner) throw new Error("a refund's idempotency key conflicted but its row is gone");
        return this.#replayed(tx, winner, input);
      }
      const charge = await reserve(tx, input, now);
      await appendOutbox(tx, records, now);
      return { refund: refundOf(inserted), charge: chargeOf(charge), created: true };
    });
  }

  async settleRefund(
    refundId: string,
    outcome: RefundOutcome,
    records: readonly OutboxRecord[],
  ): Promise<SettledRefund> {
    const now = this.#deps.clock.now();
    return this.#deps.db.transaction().execute(async (tx) => {
      const settled = await tx
        .updateTable("refunds")
        .set({
          status: outcome.status,
          ...(outcome.gatewayRef === undefined ? {} : { gateway_ref: outcome.gatewayRef }),
          updated_at: now,
        })
        .where("refund_id", "=", refundId)
        .where("status", "in", REFUND_TRANSITIONS[outcome.status])
        .returningAll()
        .executeTakeFirst();
      if (!settled) {
        const current = await tx
          .selectFrom("refunds")
          .selectAll()
          .where("refund_id", "=", refundId)
          .executeTakeFirst();
        if (!current) throw new UnknownRefundError();
        return {
          refund: refundOf(current),
          charge: await chargeNamed(tx, current.confirmation_id),
          changed: false,
        };
      }
      const charge =
        outcome.status === "FAILED"
          ? chargeOf(await release(tx, settled, now))
          : await chargeNamed(tx, settled.confirmation_id);
      await appendOutbox(tx, records, now);
      return { refund: refundOf(settled), charge, changed: true };
    });
  }

  async getRefund(refundId: string): Promise<Refund | undefined> {
    const row = await this.#deps.db
      .selectFrom("refunds")
      .selectAll()
      .where("refund_id", "=", refundId)
      .executeTakeFirst();
    return row && refundOf(row);
  }

  async refundsOf(confirmationId: string): Promise<Refund[]> {
    const rows = await this.#deps.db
      .selectFrom("refunds")
      .selectAll()
      .where("confirmation_id", "=", confirmationId)
      .orderBy("created_at")
      .orderBy("refund_id")
      .execute();
    return rows.map(refundOf);
  }

  async #byKey(db: Tx, idempotencyKey: string): Promise<RefundRow | undefined> {
    return db
      .selectFrom("refunds")
      .selectAll()
      .where("idempotency_key", "=", idempotencyKey)
      .executeTakeFirst();
  }

  async #replayed(db: Tx, row: RefundRow, input: NewRefund): Promise<RecordedRefund> {
    // Keys are global: a key used on another charge is another request, even should the hashes agree.
    if (row.request_hash !== input.requestHash || row.confirmation_id !== input.confirmationId) {
      throw new IdempotencyConflictError("refund");
    }
    return { refund: refundOf(row), charge: await chargeNamed(db, row.confirmation_id), created: false };
  }
}

/** The guard mirrors CHARGE_TRANSITIONS.refund: from CONFIRMED, REFUNDED once nothing is left. */
async function reserve(tx: Tx, input: NewRefund, now: Date): Promise<ChargeRow> {
  const amount = input.amountCents;
  const reserved = await tx
    .updateTable("charges")
    .set({
      refunded_cents: sql`refunded_cents + ${amount}`,
      status: sql`case when refunded_cents + ${amount} = amount_cents then 'REFUNDED' else status end`,
      updated_at: now,
    })
    .where("confirmation_id", "=", input.confirmationId)
    .where("status", "in", CHARGE_TRANSITIONS.refund.from)
    .where(sql<boolean>`refunded_cents + ${amount} <= amount_cents`)
    .returningAll()
    .executeTakeFirst();
  if (reserved) return reserved;
  const charge = await tx
    .selectFrom("charges")
    .selectAll()
    .where("confirmation_id", "=", input.confirmationId)
    .executeTakeFirstOrThrow();
  const state = chargeOf(charge);
  if (!CHARGE_TRANSITIONS.refund.from.includes(state.status))
    throw new ChargeNotRefundableError(state.status);
  const decision = decideCharge("refund", state, amount);
  throw new ChargeRefusedError(decision.ok ? "the charge changed meanwhile; try again" : decision.reason);
}

/** A refund the gateway refused gives its amount back (CHARGE_TRANSITIONS.releaseRefund). */
async function release(tx: Tx, refund: RefundRow, now: Date): Promise<ChargeRow> {
  return tx
    .updateTable("charges")
    .set({
      refunded_cents: sql`refunded_cents - ${refund.amount_cents}`,
      status: sql`case when status = 'REFUNDED' then 'CONFIRMED' else status end`,
      updated_at: now,
    })
    .where("confirmation_id", "=", refund.confirmation_id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function chargeNamed(db: Tx, confirmationId: string) {
  const row = await db
    .selectFrom("charges")
    .selectAll()
    .where("confirmation_id", "=", confirmationId)
    .executeTakeFirstOrThrow();
  return chargeOf(row);
}
