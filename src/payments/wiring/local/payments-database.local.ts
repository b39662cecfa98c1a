import type { Kysely } from "kysely";
import { openLocalServiceDatabase } from "../../../platform/adapters/embedded/local-service-database.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
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
 * shared embedded server, migrated to the latest schema (`openLocalServiceDatabase`).
 */
export function openLocalPaymentsDatabase(
  options: LocalPaymentsDatabaseOptions,
): Promise<Kysely<PaymentsDatabase>> {
  return openLocalServiceDatabase<PaymentsDatabase>({
    ...options,
    name: options.name ?? "payments",
    migrations: paymentsMigrations,
    migrationTable: PAYMENTS_MIGRATION_TABLE,
    applicationName: "roster-local-payments",
  });
}
