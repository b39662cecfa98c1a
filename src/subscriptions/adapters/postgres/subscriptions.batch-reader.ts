import { type Kysely, sql, type Transaction } from "kysely";
import type { Subscription } from "../../domain/subscription.ts";
import { subscriptionOf } from "./subscriptions.mapper.ts";
import type { SubscriptionsDatabase } from "./subscriptions.tables.ts";

type Db = Kysely<SubscriptionsDatabase> | Transaction<SubscriptionsDatabase>;

/**
 * The subscriptions of `ids`, each with its pause in force and its pending changes, as
 * `loadSubscription` reads one, in three statements however many there are (the billing run claims a
 * hundred cycles a transaction: three statements instead of three hundred). An id with no row is
 * absent from the map.
 */
export async function loadSubscriptions(db: Db, ids: readonly string[]): Promise<Map<string, Subscription>> {
  const loaded = new Map<string, Subscription>();
  if (ids.length === 0) return loaded;
  const rows = await db.selectFrom("subscriptions").selectAll().where("subscription_id", "in", ids).execute();
  const pauses = await db
    .selectFrom("pauses")
    .selectAll()
    .select(sql<string>`to_char(first_skipped_payment, 'YYYY-MM-DD')`.as("first_skipped_payment"))
    .where("subscription_id", "in", ids)
    .where("state", "in", ["SCHEDULED", "ACTIVE"])
    .execute();
  const pending = await db
    .selectFrom("pending_changes")
    .selectAll()
    .where("subscription_id", "in", ids)
    .where("state", "=", "PENDING")
    .execute();
  for (const row of rows) {
    const pause = pauses.find((p) => p.subscription_id === row.subscription_id);
    const changes = pending.filter((change) => change.subscription_id === row.subscription_id);
    loaded.set(row.subscription_id, subscriptionOf(row, pause, changes));
  }
  return loaded;
}
