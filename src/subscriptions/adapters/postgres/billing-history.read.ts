import { type Kysely, sql } from "kysely";
import type { BillingCycle } from "../../domain/billing-cycle.ts";
import type {
  BillingRecord,
  ChargeAttempt,
  CycleRecord,
  SubscriptionChange,
} from "../../ports/subscription.store.ts";
import { group, livePauses, pendingChanges } from "./subscriptions.batch-reader.ts";
import { cycleOf, subscriptionOf } from "./subscriptions.mapper.ts";
import type { SubscriptionsDatabase } from "./subscriptions.tables.ts";

type Db = Kysely<SubscriptionsDatabase>;

/**
 * A user's whole billing story in six queries, however many subscriptions and cycles it has: the
 * subscriptions (`subscriptions_user_idx`), then for all of them at once their live pauses and pending
 * changes (the partial unique indexes), their latest cycles (`billing_cycles_one_per_period`), their
 * declined attempts and their latest history rows (`subscription_changes_subscription_idx`).
 *
 * The cycle row keeps only its current attempt: the declined ones are the history's `payment-failed`
 * rows (each stored with the attempt's outcome, its time and decline reason), matched to their cycle by
 * the period the history recorded (the claim moves the subscription's period to the cycle's, and a
 * subscription bills one period once); the paid one is the cycle's own `paid_at` and confirmation.
 */
export async function readBillingHistory(
  db: Db,
  userId: string,
  limits: { readonly cycles: number; readonly changes: number },
): Promise<BillingRecord[]> {
  const rows = await db
    .selectFrom("subscriptions")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("subscription_id", "desc")
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.subscription_id);
  const [pauses, pending, cycles, declines, changes] = await Promise.all([
    livePauses(db, ids),
    pendingChanges(db, ids),
    latestCycles(db, ids, limits.cycles),
    declinedAttempts(db, ids),
    latestChanges(db, ids, limits.changes),
  ]);
  return rows.map((row) => {
    const id = row.subscription_id;
    return {
      subscription: subscriptionOf(row, pauses.get(id), pending.get(id) ?? []),
      cycles: (cycles.get(id) ?? []).map((cycle) => cycleRecord(cycle, declines)),
      changes: changes.get(id) ?? [],
    };
  });
}

const periodKey = (subscriptionId: string, periodStart: Date) =>
  `${subscriptionId} ${periodStart.toISOString()}`;

/** Each subscription's latest `limit` cycles, newest first. */
async function latestCycles(db: Db, ids: readonly string[], limit: number) {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("billing_cycles")
        .selectAll()
        .select((inner) =>
          inner.fn
            .agg<number>("row_number")
            .over((over) => over.partitionBy("subscription_id").orderBy("period_start", "desc"))
            .as("rank"),
        )
        .where("subscription_id", "in", ids)
        .as("c"),
    )
    .selectAll()
    .where("rank", "<=", limit)
    .orderBy("subscription_id")
    .orderBy("period_start", "desc")
    .execute();
  return group(rows.map(cycleOf), (cycle) => cycle.subscriptionId);
}

interface Decline {
  readonly at: Date;
  readonly reason: string | null;
}

/** Every declined attempt of the subscriptions, by subscription and period, in the order stored. */
async function declinedAttempts(db: Db, ids: readonly string[]): Promise<Map<string, Decline[]>> {
  const rows = await db
    .selectFrom("subscription_changes")
    .select([
      "subscription_id",
      "occurred_at",
      "reason",
      sql<string>`after->>'period_start'`.as("period_start"),
    ])
    .where("subscription_id", "in", ids)
    .where("event", "=", "payment-failed")
    .orderBy("position")
    .execute();
  const declines = new Map<string, Decline[]>();
  for (const row of rows) {
    const key = periodKey(row.subscription_id, new Date(row.period_start));
    const list = declines.get(key) ?? [];
    list.push({ at: row.occurred_at, reason: row.reason });
    declines.set(key, list);
  }
  return declines;
}

function cycleRecord(cycle: BillingCycle, declines: ReadonlyMap<string, readonly Decline[]>): CycleRecord {
  const attempts: ChargeAttempt[] = (
    declines.get(periodKey(cycle.subscriptionId, cycle.periodStart)) ?? []
  ).map((decline, i) => ({
    attemptNo: i + 1,
    at: decline.at,
    outcome: "declined",
    ...(decline.reason ? { declineReason: decline.reason } : {}),
  }));
  if (cycle.paidAt && cycle.confirmationId) {
    attempts.push({
      attemptNo: cycle.attemptNo,
      at: cycle.paidAt,
      outcome: "paid",
      confirmationId: cycle.confirmationId,
    });
  }
  return { cycle, attempts };
}

/** Each subscription's latest `limit` history rows, newest first. */
async function latestChanges(
  db: Db,
  ids: readonly string[],
  limit: number,
): Promise<Map<string, SubscriptionChange[]>> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("subscription_changes")
        .select([
          "subscription_id",
          "position",
          "event",
          "actor",
          "reason",
          "occurred_at",
          sql<string>`after->>'status'`.as("status"),
        ])
        .select((inner) =>
          inner.fn
            .agg<number>("row_number")
            .over((over) => over.partitionBy("subscription_id").orderBy("position", "desc"))
            .as("rank"),
        )
        .where("subscription_id", "in", ids)
        .as("h"),
    )
    .selectAll()
    .where("rank", "<=", limit)
    .orderBy("subscription_id")
    .orderBy("position", "desc")
    .execute();
  const changes = new Map<string, SubscriptionChange[]>();
  for (const row of rows) {
    const list = changes.get(row.subscription_id) ?? [];
    list.push({
      event: row.event,
      actor: row.actor,
      ...(row.reason ? { reason: row.reason } : {}),
      occurredAt: row.occurred_at,
      status: row.status,
    });
    changes.set(row.subscription_id, list);
  }
  return changes;
}
