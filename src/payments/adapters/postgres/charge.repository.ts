import { sql } from "kysely";
import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import { outboxAppendCtes } from "../../../platform/relational/outbox.append.ts";
import type { CursorCodec } from "../../../platform/store/cursor-codec.ts";
import type { Page, PageRequest } from "../../../platform/store/page.ts";
import { InvalidCursorError } from "../../../platform/store/store.errors.ts";
import type { Charge, ChargeOutcome, NewCharge } from "../../domain/charge.ts";
import { CHARGE_TRANSITIONS, type ChargeEvent } from "../../domain/charge-lifecycle.ts";
import {
  ChargeRefusedError,
  DetachedPaymentMethodError,
  IdempotencyConflictError,
  UnknownChargeError,
  UnknownPaymentMethodError,
} from "../../domain/payment-store.errors.ts";
import type { BeganCharge, ChargeRepository, SettledCharge } from "../../ports/charge.repository.ts";
import { isUniqueViolation, type PaymentStoreDeps } from "./payment-store.deps.ts";
import { chargeOf } from "./payments.mapper.ts";
import type { ChargeRow } from "./payments.tables.ts";

const EVENT_OF: Readonly<Record<ChargeOutcome["status"], ChargeEvent>> = {
  CONFIRMED: "confirm",
  PENDING: "hold",
  FAILED: "fail",
};

/** `charges` on PostgreSQL (migration 0001). */
export class PostgresChargeRepository implements ChargeRepository {
  readonly #deps: PaymentStoreDeps;
  readonly #cursors: CursorCodec;
  /** `cursors`: the API's codec (a configured secret), so a page cursor works on every instance. */
  constructor(deps: PaymentStoreDeps, cursors: CursorCodec) {
    this.#deps = deps;
    this.#cursors = cursors;
  }

  /**
   * One statement (one round trip): the key's row if it has one, the method's status, and
   * `INSERT ... ON CONFLICT (idempotency_key) DO NOTHING` when the key is new and the method active.
   * A key seen before is answered from its row, even if its method was detached since. Of concurrent
   * calls with one key exactly one inserts; the others wait for its commit, insert nothing, and read
   * its row.
   */
  async beginCharge(input: NewCharge): Promise<BeganCharge> {
    const found = await this.#seenOrInsert(input);
    if (found.source !== "none") {
      return found.source === "seen"
        ? replayed(found.row, input)
        : { charge: chargeOf(found.row), created: true };
    }
    if (found.methodStatus === undefined) throw new UnknownPaymentMethodError();
    if (found.methodStatus !== "active") throw new DetachedPaymentMethodError();
    const winner = await this.#byKey(input.idempotencyKey);
    if (!winner) throw new Error("a charge's idempotency key conflicted but its row is gone");
    return replayed(winner, input);
  }

  /**
   * One statement (one round trip): a guarded UPDATE (the status must be one the outcome's transition
   * starts from) and, when it changed the row, the records' append.
   */
  async settleCharge(
    confirmationId: string,
    outcome: ChargeOutcome,
    records: readonly OutboxRecord[],
  ): Promise<SettledCharge> {
    const now = this.#deps.clock.now();
    const from = CHARGE_TRANSITIONS[EVENT_OF[outcome.status]].from;
    const update = sql`update charges
      set status = ${outcome.status},
        decline_reason = ${outcome.status === "FAILED" ? outcome.reason : null}::text,
        gateway_ref = coalesce(${outcome.gatewayRef ?? null}::text, gateway_ref),
        updated_at = ${now}::timestamptz
      where confirmation_id = ${confirmationId} and status = any(${[...from]}::text[])
      returning *`;
    const { rows } = await (records.length === 0
      ? sql<ChargeRow>`with settled as (${update}) select * from settled`
      : sql<ChargeRow>`with settled as (${update}), ${outboxAppendCtes(records, now, "settled")}
          select * from settled`
    ).execute(this.#deps.db);
    const [settled] = rows;
    if (settled) return { charge: chargeOf(settled), changed: true };
    const current = await this.getCharge(confirmationId);
    if (!current) throw new UnknownChargeError();
    return { charge: current, changed: false };
  }

  async getCharge(confirmationId: string): Promise<Charge | undefined> {
    const row = await this.#deps.db
      .selectFrom("charges")
      .selectAll()
      .where("confirmation_id", "=", confirmationId)
      .executeTakeFirst();
    return row && chargeOf(row);
  }

  async chargeByGatewayRef(gatewayRef: string): Promise<Charge | undefined> {
    const row = await this.#deps.db
      .selectFrom("charges")
      .selectAll()
      .where("gateway_ref", "=", gatewayRef)
      .executeTakeFirst();
    return row && chargeOf(row);
  }

  /** Keyset on (created_at, confirmation_id), newest first (index charges_user_idx). */
  async listCharges(userId: string, page: PageRequest): Promise<Page<Charge>> {
    const binding = JSON.stringify(["payments-charges", userId]);
    const after =
      page.cursor === undefined ? undefined : positionOf(this.#cursors.open(binding, page.cursor));
    let query = this.#deps.db.selectFrom("charges").selectAll().where("user_id", "=", userId);
    if (after) {
      query = query.where(sql<boolean>`(created_at, confirmation_id) < (${after.createdAt}, ${after.id})`);
    }
    const rows = await query
      .orderBy("created_at", "desc")
      .orderBy("confirmation_id", "desc")
      .limit(page.limit + 1)
      .execute();
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map(chargeOf),
      ...(rows.length > page.limit && last
        ? { next_cursor: this.#cursors.seal(binding, [last.created_at.toISOString(), last.confirmation_id]) }
        : {}),
    };
  }

  /**
   * The row the key has (`seen`, read from the statement's snapshot), else the INITIATED row written
   * (`inserted`), else nothing: the method is unknown or detached, or a concurrent call took the key.
   */
  async #seenOrInsert(input: NewCharge): Promise<SeenOrInserted> {
    const now = this.#deps.clock.now();
    const { rows } = await sql<
      ChargeRow & { source: "seen" | "inserted" | null; method_status: string | null }
    >`
      with seen as (
        select * from charges where idempotency_key = ${input.idempotencyKey}
      ), method as (
        select status from payment_methods where method_id = ${input.methodId} and user_id = ${input.userId}
      ), inserted as (
        insert into charges (confirmation_id, user_id, kind, subscription_id, billing_cycle_id, amount_cents,
          currency, description, method_id, status, idempotency_key, request_hash, created_at, updated_at)
        select ${this.#deps.ids.next()}::text, ${input.userId}::text, ${input.kind}::text,
          ${input.subscriptionId ?? null}::text, ${input.billingCycleId ?? null}::text,
          ${input.amountCents}::integer, ${input.currency}::text, ${input.description}::text,
          ${input.methodId}::text, 'INITIATED', ${input.idempotencyKey}::text, ${input.requestHash}::text,
          ${now}::timestamptz, ${now}::timestamptz
        where not exists (select from seen) and exists (select from method where status = 'active')
        on conflict (idempotency_key) do nothing
        returning *
      )
      select method.status as method_status, found.*
      from (select 1) as one
      left join method on true
      left join (
        select *, 'seen' as source from seen
        union all
        select *, 'inserted' as source from inserted
      ) as found on true`
      .execute(this.#deps.db)
      .catch((error: unknown) => {
        if (!isUniqueViolation(error, "charges_one_attempt_per_cycle_idx")) throw error;
        throw new ChargeRefusedError(
          `billing cycle ${input.billingCycleId} already has a charge that did not fail; resume it with its own key`,
        );
      });
    const [result] = rows;
    if (result?.source) return { source: result.source, row: result };
    return { source: "none", ...(result?.method_status ? { methodStatus: result.method_status } : {}) };
  }

  async #byKey(idempotencyKey: string): Promise<ChargeRow | undefined> {
    return this.#deps.db
      .selectFrom("charges")
      .selectAll()
      .where("idempotency_key", "=", idempotencyKey)
      .executeTakeFirst();
  }
}

type SeenOrInserted =
  | { readonly source: "seen" | "inserted"; readonly row: ChargeRow }
  | { readonly source: "none"; readonly methodStatus?: string };

/** Keys are global: another user's key is another request, even should the hashes agree. */
function replayed(row: ChargeRow, input: NewCharge): BeganCharge {
  if (row.request_hash !== input.requestHash || row.user_id !== input.userId) {
    throw new IdempotencyConflictError("charge");
  }
  return { charge: chargeOf(row), created: false };
}

function positionOf(position: unknown): { createdAt: Date; id: string } {
  if (!Array.isArray(position) || position.length !== 2) throw new InvalidCursorError();
  const [createdAt, id] = position as unknown[];
  if (typeof createdAt !== "string" || typeof id !== "string") throw new InvalidCursorError();
  const at = new Date(createdAt);
  if (Number.isNaN(at.getTime())) throw new InvalidCursorError();
  return { createdAt: at, id };
}
