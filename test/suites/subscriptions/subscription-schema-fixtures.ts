import { type Kysely, sql } from "kysely";
import { closeDatabase, createDatabase } from "../../../src/platform/relational/database.ts";
import { migrateToLatest } from "../../../src/platform/relational/migrator.ts";
import {
  SUBSCRIPTIONS_MIGRATION_TABLE,
  subscriptionsMigrations,
} from "../../../src/subscriptions/adapters/postgres/subscriptions.migrations.ts";
import type { SubscriptionsDatabase } from "../../../src/subscriptions/adapters/postgres/subscriptions.tables.ts";
import { freshDatabase } from "../../support/test-database.ts";

export const migrateSubscriptions = (db: Kysely<SubscriptionsDatabase>) =>
  migrateToLatest(db, subscriptionsMigrations, { tableName: SUBSCRIPTIONS_MIGRATION_TABLE });

/** A migrated database of its own, on a pool wide enough for the races (each call its own connection). */
export async function migratedSubscriptions(connections = 24) {
  const target = await freshDatabase<SubscriptionsDatabase>();
  const db = createDatabase<SubscriptionsDatabase>(target.url, { maxConnections: connections });
  await migrateSubscriptions(db);
  return {
    db,
    url: target.url,
    /** Empties every table (the history's trigger refuses deletes, so truncate). */
    async reset() {
      await sql`truncate plans, subscriptions, pauses, pending_changes, billing_cycles, fulfilments,
        subscription_changes, idempotency_keys, membership_followups, outbox, outbox_users
        restart identity cascade`.execute(db);
    },
    async drop() {
      await closeDatabase(db);
      await target.drop();
    },
  };
}
