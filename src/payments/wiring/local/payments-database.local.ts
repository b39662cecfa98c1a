import type { Kysely } from "kysely";
import { localSecret } from "../../../platform/adapters/embedded/local-secret.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import { createDatabase } from "../../../platform/relational/database.ts";
import { migrateToLatest } from "../../../platform/relational/migrator.ts";
import { ensureServiceDatabase } from "../../../platform/relational/service-database.ts";
import { PAYMENTS_MIGRATION_TABLE, paymentsMigrations } from "../../adapters/postgres/payments.migrations.ts";
import type { PaymentsDatabase } from "../../adapters/postgres/payments.tables.ts";

export interface LocalPaymentsDatabaseOptions {
  /** The shared server's admin URL (`LocalPlatform.postgresUrl`). */
  readonly postgresUrl: string;
  /** `LocalPlatform.dataDir`: the role's password is kept there. */
  readonly dataDir: string;
  readonly logger: Logger;
  /** Defaults to `payments`; tests pass a name of their own (roles are the whole server's). */
  readonly name?: string;
}

/**
 * The Payment Service's database in the local process: its own database and role `payments` on the
 * shared embedded server (the password generated once into `<data>/payments-database-password`),
 * migrated to the latest schema. On AWS the stack makes both and the secret holds the password.
 */
export async function openLocalPaymentsDatabase(
  options: LocalPaymentsDatabaseOptions,
): Promise<Kysely<PaymentsDatabase>> {
  const name = options.name ?? "payments";
  const url = await ensureServiceDatabase({
    adminUrl: options.postgresUrl,
    name,
    password: localSecret(options.dataDir, `${name}-database-password`),
  });
  const db = createDatabase<PaymentsDatabase>(url, {
    applicationName: "roster-local-payments",
    // The local process serves many requests at once; concurrent charges each hold one connection.
    maxConnections: 10,
    onIdleConnectionError: (error) =>
      options.logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
  });
  await migrateToLatest(db, paymentsMigrations, { tableName: PAYMENTS_MIGRATION_TABLE });
  return db;
}
