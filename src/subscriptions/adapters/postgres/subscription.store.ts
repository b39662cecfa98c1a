import { type Kysely, sql, type Transaction } from "kysely";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import type { BillingCycle } from "../../domain/billing-cycle.ts";
import type { Fulfilment } from "../../domain/fulfilment.ts";
import { IdempotencyConflictError, SubscriptionExistsError } from "../../domain/subscription.errors.ts";
import type { Plan, Subscription } from "../../domain/subscription.ts";
import type {
  BillingRecord,
  ChangeRequest,
  Decide,
  SubscriptionChange,
  SubscriptionStore,
} from "../../ports/subscription.store.ts";
import { readBillingHistory } from "./billing-history.read.ts";
import { writeEffect } from "./subscription-effect.writer.ts";
import { cycleOf, fulfilmentOfRow, subscriptionOf } from "./subscriptions.mapper.ts";
import type { SubscriptionsDatabase } from "./subscriptions.tables.ts";

export interface SubscriptionStoreDeps {
  readonly db: Kysely<SubscriptionsDatabase>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

type Db = Kysely<SubscriptionsDatabase> | Transaction<SubscriptionsDatabase>;

const LIVE = ["TRIAL", "ACTIVE", "PAST_DUE", "PAUSED"] as const;

/** SQLSTATE 23505 on the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const fields = error as { code?: unknown; constraint?: unknown } | null;
  return fields?.code === "23505" && fields.constraint === constraint;
}

/** The SubscriptionStore on the service's PostgreSQL database (migration 0001). */
export class PostgresSubscriptionStore implements SubscriptionStore {
  readonly #deps: SubscriptionStoreDeps;
  constructor(deps: SubscriptionStoreDeps) {
    this.#deps = deps;
  }

  changeForUser<T>(userId: string, request: ChangeRequest, decide: Decide<T>) {
    return this.#change(request, decide, (tx) =>
      latestRow(tx, "user_id", userId).forUpdate().executeTakeFirst(),
    );
  }

  changeById<T>(subscriptionId: string, request: ChangeRequest, decide: Decide<T>) {
    return this.#change(request, decide, (tx) =>
      latestRow(tx, "subscription_id", subscriptionId).forUpdate().executeTakeFirst(),
    );
  }

  async latestOf(userId: string): Promise<Subscription | undefined> {
    const row = await latestRow(this.#deps.db, "user_id", userId).executeTakeFirst();
    return row ? loadSubscription(this.#deps.db, row) : undefined;
  }

  async byId(subscriptionId: string): Promise<Subscription | undefined> {
    const row = await latestRow(this.#deps.db, "subscription_id", subscriptionId).executeTakeFirst();
    return row ? loadSubscription(this.#deps.db, row) : undefined;
  }

  async plan(planId: string): Promise<Plan | undefined> {
    const row = await this.#deps.db
      .selectFrom("plans")
      .selectAll()
      .where("plan_id", "=", planId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      planId: row.plan_id,
      tier: row.tier,
      tierVersion: row.tier_version,
      term: row.term,
      priceCents: row.price_cents,
      currency: row.currency,
    };
  }

  async ensurePlan(plan: Plan): Promise<void> {
    await this.#deps.db
      .insertInto("plans")
      .values({
        plan_id: plan.planId,
        tier: plan.tier,
        tier_version: plan.tierVersion,
        term: plan.term,
        price_cents: plan.priceCents,
        currency: plan.currency,
        created_at: this.#deps.clock.now(),
      })
      .onConflict((conflict) => conflict.column("plan_id").doNothing())
      .execute();
  }

  async cycles(subscriptionId: string): Promise<BillingCycle[]> {
    const rows = await this.#deps.db
      .selectFrom("billing_cycles")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .orderBy("period_start")
      .execute();
    return rows.map(cycleOf);
  }

  async history(subscriptionId: string): Promise<SubscriptionChange[]> {
    const rows = await this.#deps.db
      .selectFrom("subscription_changes")
      .select(["event", "actor", "reason", "occurred_at", sql<string>`after->>'status'`.as("status")])
      .where("subscription_id", "=", subscriptionId)
      .orderBy("position")
      .execute();
    return rows.map((row) => ({
      event: row.event,
      actor: row.actor,
      ...(row.reason ? { reason: row.reason } : {}),
      occurredAt: row.occurred_at,
      status: row.status,
    }));
  }

  async fulfilments(subscriptionId: string, limit: number): Promise<Fulfilment[]> {
    const rows = await this.#deps.db
      .selectFrom("fulfilments")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .orderBy("created_at", "desc")
      .orderBy("period_start", "desc")
      .limit(limit)
      .execute();
    return rows.map(fulfilmentOfRow);
  }

  billingHistory(
    userId: string,
    limits: { readonly cycles: number; readonly changes: number },
  ): Promise<BillingRecord[]> {
    return readBillingHistory(this.#deps.db, userId, limits);
  }

  async #change<T>(
    request: ChangeRequest,
    decide: Decide<T>,
    lock: (tx: Transaction<SubscriptionsDatabase>) => Promise<SubscriptionRowOf | undefined>,
  ): Promise<{ status: number; answer: T }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#deps.db.transaction().execute(async (tx) => {
          // The lock first: it waits for a concurrent request holding the row, whose key commits with
          // its change, so a repeat read after it replays instead of deciding on the change it made.
          const row = await lock(tx);
          const replay = await storedAnswer<T>(tx, request);
          if (replay) return replay;
          const current = row ? await loadSubscription(tx, row) : undefined;
          const decided = decide(current);
          const now = this.#deps.clock.now();
          const before = new Map(current ? [[current.subscriptionId, current]] : []);
          await writeEffect(
            tx,
            { before, request, now, ids: this.#deps.ids },
            decided.effect,
            decided.records,
          );
          if (request.idempotency) {
            await tx
              .insertInto("idempotency_keys")
              .values({
                scope: request.idempotency.scope,
                key: request.idempotency.key,
                request_hash: request.idempotency.requestHash,
                status_code: decided.status,
                body: JSON.stringify(decided.answer),
                created_at: now,
              })
              .execute();
          }
          return { status: decided.status, answer: decided.answer };
        });
      } catch (error) {
        // A race lost to a concurrent request: the same key (replayed next time) or a second live
        // subscription (decided again on what the winner stored).
        const raced =
          isUniqueViolation(error, "idempotency_keys_pkey") ||
          isUniqueViolation(error, "subscriptions_one_live_per_user_idx");
        if (!raced || attempt >= 3) {
          if (isUniqueViolation(error, "subscriptions_one_live_per_user_idx")) {
            throw new SubscriptionExistsError("(another request's)");
          }
          throw error;
        }
      }
    }
  }
}

async function storedAnswer<T>(
  tx: Transaction<SubscriptionsDatabase>,
  request: ChangeRequest,
): Promise<{ status: number; answer: T } | undefined> {
  if (!request.idempotency) return undefined;
  const { scope, key, requestHash } = request.idempotency;
  const stored = await tx
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("scope", "=", scope)
    .where("key", "=", key)
    .executeTakeFirst();
  if (!stored) return undefined;
  if (stored.request_hash !== requestHash) throw new IdempotencyConflictError();
  return { status: stored.status_code, answer: stored.body as T };
}

type SubscriptionRowOf = Awaited<ReturnType<ReturnType<typeof latestRow>["executeTakeFirstOrThrow"]>>;

/** The live subscription first, else the latest that ended. */
function latestRow(db: Db, column: "user_id" | "subscription_id", value: string) {
  return db
    .selectFrom("subscriptions")
    .selectAll()
    .where(column, "=", value)
    .orderBy(sql`status in ('TRIAL', 'ACTIVE', 'PAST_DUE', 'PAUSED')`, "desc")
    .orderBy("created_at", "desc")
    .orderBy("subscription_id", "desc")
    .limit(1);
}

export async function loadSubscription(db: Db, row: SubscriptionRowOf): Promise<Subscription> {
  const pause = await db
    .selectFrom("pauses")
    .selectAll()
    .select(sql<string>`to_char(first_skipped_payment, 'YYYY-MM-DD')`.as("first_skipped_payment"))
    .where("subscription_id", "=", row.subscription_id)
    .where("state", "in", ["SCHEDULED", "ACTIVE"])
    .executeTakeFirst();
  const pending = await db
    .selectFrom("pending_changes")
    .selectAll()
    .where("subscription_id", "=", row.subscription_id)
    .where("state", "=", "PENDING")
    .execute();
  return subscriptionOf(row, pause, pending);
}

export { LIVE as LIVE_SUBSCRIPTION_STATUSES };
