import { type Kysely, sql, type Transaction } from "kysely";
import type { Subscription } from "../../domain/subscription.ts";
import { subscriptionOf } from "./subscriptions.mapper.ts";
import type { PauseRow, PendingChangeRow, SubscriptionsDatabase } from "./subscriptions.tables.ts";

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
  const pauses = await livePauses(db, ids);
  const pending = await pendingChanges(db, ids);
  for (const row of rows) {
    const id = row.subscription_id;
    loaded.set(id, subscriptionOf(row, pauses.get(id), pending.get(id) ?? []));
  }
  return loaded;
}

/** The pause in force (SCHEDULED or ACTIVE; one at most, a partial unique index) of each of `ids`. */
export async function livePauses(db: Db, ids: readonly string[]): Promise<Map<string, PauseRow>> {
  const rows = await db
    .selectFrom("pauses")
    .selectAll()
    .select(sql<string>`to_char(first_skipped_payment, 'YYYY-MM-DD')`.as("first_skipped_payment"))
    .where("subscription_id", "in", ids)
    .where("state", "in", ["SCHEDULED", "ACTIVE"])
    .execute();
  return new Map(rows.map((row) => [row.subscription_id, row]));
}

/** The PENDING changes of each of `ids`. */
export async function pendingChanges(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, PendingChangeRow[]>> {
  const rows = await db
    .selectFrom("pending_changes")
    .selectAll()
    .where("subscription_id", "in", ids)
    .where("state", "=", "PENDING")
    .execute();
  return group(rows, (row) => row.subscription_id);
}

/** `items` by `key`, each list in the items' order. */
export const group = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
};
