import { loadPrimaryDatabaseConfig } from "../../../platform/config/database.config.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { closeDatabase } from "../../../platform/relational/database.ts";
import { migrateToLatest } from "../../../platform/relational/migrator.ts";
import {
  SUBSCRIPTIONS_MIGRATION_TABLE,
  subscriptionsMigrations,
} from "../../adapters/postgres/subscriptions.migrations.ts";
import { openAwsSubscriptionsDatabase, SUBSCRIPTION_SERVICE } from "./subscriptions-database.aws.ts";

/**
 * Brings the subscriptions schema up to date, once per deployment (a CDK trigger, as the Payment
 * Service's: not at a cold start, where many instances would race for the migration lock). Its own
 * history table. DATABASE_URL, or RDS Proxy with the RDS secret.
 */
export async function migrateSubscriptionsHandler(env: Record<string, string | undefined>) {
  const config = loadPrimaryDatabaseConfig(env);
  const logger = createLogger(`${SUBSCRIPTION_SERVICE}-migrate`, config.LOG_LEVEL);
  return async (): Promise<{ applied: string[] }> => {
    const db = await openAwsSubscriptionsDatabase(config, logger, "migrate");
    try {
      const applied = await migrateToLatest(db, subscriptionsMigrations, {
        tableName: SUBSCRIPTIONS_MIGRATION_TABLE,
      });
      logger.info("subscriptions schema up to date", { applied });
      return { applied };
    } finally {
      await closeDatabase(db);
    }
  };
}
