import { loadPrimaryDatabaseConfig } from "../../../platform/config/database.config.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { closeDatabase } from "../../../platform/relational/database.ts";
import { migrateToLatest } from "../../../platform/relational/migrator.ts";
import { PAYMENTS_MIGRATION_TABLE, paymentsMigrations } from "../../adapters/postgres/payments.migrations.ts";
import { openAwsPaymentsDatabase } from "./payments-database.aws.ts";

/**
 * Brings the payments schema up to date, once per deployment (a CDK trigger; not at the API's cold
 * start, where many instances would race for the migration lock). Its own history table,
 * `payments_migration`. DATABASE_URL, or RDS Proxy with the RDS secret, as the API.
 */
export async function migratePaymentsHandler(env: Record<string, string | undefined>) {
  const config = loadPrimaryDatabaseConfig(env);
  const logger = createLogger("payment-service-migrate", config.LOG_LEVEL);
  return async (): Promise<{ applied: string[] }> => {
    const db = await openAwsPaymentsDatabase(config, logger, "migrate");
    try {
      const applied = await migrateToLatest(db, paymentsMigrations, { tableName: PAYMENTS_MIGRATION_TABLE });
      logger.info("payments schema up to date", { applied });
      return { applied };
    } finally {
      await closeDatabase(db);
    }
  };
}
