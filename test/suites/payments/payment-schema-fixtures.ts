import type { Kysely } from "kysely";
import {
  PAYMENTS_MIGRATION_TABLE,
  paymentsMigrations,
} from "../../../src/payments/adapters/postgres/payments.migrations.ts";
import type { PaymentsDatabase } from "../../../src/payments/adapters/postgres/payments.tables.ts";
import { closeDatabase, createDatabase } from "../../../src/platform/relational/database.ts";
import { migrateToLatest } from "../../../src/platform/relational/migrator.ts";
import { freshDatabase } from "../../support/test-database.ts";

export const migratePayments = (db: Kysely<PaymentsDatabase>) =>
  migrateToLatest(db, paymentsMigrations, { tableName: PAYMENTS_MIGRATION_TABLE });

/** A migrated database of its own, on a pool wide enough for the races (each call its own connection). */
export async function migratedPayments(connections = 24) {
  const target = await freshDatabase<PaymentsDatabase>();
  const db = createDatabase<PaymentsDatabase>(target.url, { maxConnections: connections });
  await migratePayments(db);
  return {
    db,
    async drop() {
      await closeDatabase(db);
      await target.drop();
    },
  };
}

/** SQLSTATE of a failed statement, or "ok". */
export const sqlState = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => "ok",
    (error: { code?: string }) => String(error.code),
  );
