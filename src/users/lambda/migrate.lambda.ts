/**
 * Brings the usermodel schema up to date. Invoked once per deployment (not at API cold start, where
 * many instances would race for the migration lock).
 */
import { z } from "zod";
import { commonConfigSchema } from "../../platform/config/common.config.ts";
import { parseConfig } from "../../platform/config/parse-config.ts";
import { createLogger } from "../../platform/logging/logger.ts";
import { closeDatabase, createDatabase } from "../../platform/relational/database.ts";
import { migrateToLatest } from "../../platform/relational/migrator.ts";
import { USERMODEL_MIGRATION_TABLE, usermodelMigrations } from "../adapters/usermodel.migrations.ts";

const config = parseConfig(
  commonConfigSchema.extend({ DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }) }),
  process.env,
);
const logger = createLogger("user-service-migrate", config.LOG_LEVEL);

export async function handler(): Promise<{ applied: string[] }> {
  const db = createDatabase(config.DATABASE_URL, {
    maxConnections: 1,
    applicationName: "user-service-migrate",
  });
  try {
    const applied = await migrateToLatest(db, usermodelMigrations, { tableName: USERMODEL_MIGRATION_TABLE });
    logger.info("usermodel schema up to date", { applied });
    return { applied };
  } finally {
    await closeDatabase(db);
  }
}
