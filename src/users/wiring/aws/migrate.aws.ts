import { resolveDatabaseTargets } from "../../../platform/adapters/aws/database-targets.ts";
import { loadPrimaryDatabaseConfig } from "../../../platform/config/database.config.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { closeDatabase, createDatabase } from "../../../platform/relational/database.ts";
import { migrateToLatest } from "../../../platform/relational/migrator.ts";
import {
  USERMODEL_MIGRATION_TABLE,
  usermodelMigrations,
} from "../../adapters/postgres/usermodel.migrations.ts";

/**
 * Brings the usermodel schema up to date, once per deployment (not at the API's cold start, where many
 * instances would race for the migration lock). DATABASE_URL, or the RDS Proxy endpoint with the RDS
 * secret, read at cold start; the password is read again per connection, as it may rotate.
 */
export async function migrateHandler(env: Record<string, string | undefined>) {
  const config = loadPrimaryDatabaseConfig(env);
  const logger = createLogger("user-service-migrate", config.LOG_LEVEL);
  const { primary } = await resolveDatabaseTargets(config);
  return async (): Promise<{ applied: string[] }> => {
    const db = createDatabase(primary, { maxConnections: 1, applicationName: "user-service-migrate" });
    try {
      const applied = await migrateToLatest(db, usermodelMigrations, {
        tableName: USERMODEL_MIGRATION_TABLE,
      });
      logger.info("usermodel schema up to date", { applied });
      return { applied };
    } finally {
      await closeDatabase(db);
    }
  };
}
