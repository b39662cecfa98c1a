import { sql } from "kysely";
import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import { appendOutbox } from "../../../platform/relational/outbox.append.ts";
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
   * A key seen before is answered from its row, even if its method was detached since. Otherwise one
   * `INSERT ... ON CONFLICT (idempotency_key) DO NOTHING`: of concurrent calls with one key exactly
   * one inserts; the others wait for its commit, insert nothing, and read its row.
   */
  async beginCharge(input: NewCharge): Promise<BeganCharge> {
    const seen = await this.#byKey(input.idempotencyKey);
    if (seen) return replayed(seen, input);
    await this.#assertChargeable(input.userId, input.methodId);
    const inserted = await this.#insert(input);
    if (inserted) return { charge: chargeOf(inserted), created: true };
    const winner = await this.#byKey(input.idempotencyKey);
    if (!winner) throw new Error("a charge's idempotency key conflicted but its row is gone");
    return replayed(winner, input);
  }

  /** One guarded UPDATE: the status must be one the outcome's transition starts from. */
  async settleCharge(
    confirmationId: string,
    outcome: ChargeOutcome,
    records: readonly OutboxRecord[],
  ): Promise<SettledCharge> {
    const now = this.#deps.clock.now();
    return this.#deps.db.transaction().execute(async (tx) => {
      const settled = await tx
        .updateTable("charges")
        .set({
          status: outcome.status,
          decline_reason: outcome.status === "FAILED" ? outcome.reason : null,
          ...(outcome.gatewayRef === undefined ? {} : { gateway_ref: outcome.gatewayRef }),
          updated_at: now,
        })
        .where("confirmation_id", "=", confirmationId)
        .where("status", "in", CHARGE_TRANSITIONS[EVENT_OF[outcome.status]].from)
        .returningAll()
        .executeTakeFirst();
      if (settled) {
        await appendOutbox(tx, records, now);
        return { charge: chargeOf(settled), changed: true };
      }
      const current = await tx
        .selectFrom("charges")
        .selectAll()
        .where("confirmation_id", "=", confirmationId)
        .executeTakeFirst();
      if (!current) throw new UnknownChargeError();
      return { charge: chargeOf(current), changed: false };
    });
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

  /** The INITIATED row, or undefined when the key is taken (by a concurrent call). */
  async #insert(input: NewCharge): Promise<ChargeRow | undefined> {
    const now = this.#deps.clock.now();
    return this.#deps.db
      .insertInto("charges")
      .values({
        confirmation_id: this.#deps.ids.next(),
        user_id: input.userId,
        kind: input.kind,
        subscription_id: input.subscriptionId ?? null,
        billing_cycle_id: input.billingCycleId ?? null,
        amount_cents: input.amountCents,
        currency: input.currency,
        description: input.description,
        method_id: input.methodId,
        status: "INITIATED",
        idempotency_key: input.idempotencyKey,
        request_hash: input.requestHash,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.column("idempotency_key").doNothing())
      .returningAll()
      .executeTakeFirst()
      .catch((error: unknown) => {
        if (!isUniqueViolation(error, "charges_one_attempt_per_cycle_idx")) throw error;
        throw new ChargeRefusedError(
          `billing cycle ${input.billingCycleId} already has a charge that did not fail; resume it with its own key`,
        );
      });
  }

  async #byKey(idempotencyKey: string): Promise<ChargeRow | undefined> {
    return this.#deps.db
      .selectFrom("charges")
      .selectAll()
      .where("idempotency_key", "=", idempotencyKey)
      .executeTakeFirst();
  }

  async #assertChargeable(userId: string, methodId: string): Promise<void> {
    const method = await this.#deps.db
      .selectFrom("payment_methods")
      .select("status")
      .where("method_id", "=", methodId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!method) throw new UnknownPaymentMethodError();
    if (method.status !== "active") throw new DetachedPaymentMethodError();
  }
}

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
