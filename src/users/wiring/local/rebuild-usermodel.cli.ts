/**
 * `npm run rebuild:usermodel`: rebuilds the local `usermodel` from scratch. It resets the projector's
 * checkpoint, empties the table and replays the users table's whole change log (kept in full locally)
 * through the same worker as the running projector, leaving the checkpoint at the end of the log.
 * Run it while `npm start` is stopped: the embedded PostgreSQL and the checkpoint have one owner at a time.
 * (On AWS the stream keeps only 24 hours; see src/users/README.md, "The usermodel projection and
 * operator search", for the Scan-based rebuild there.)
 */
import { join, resolve } from "node:path";
import { startEmbeddedPostgres } from "../../../platform/adapters/embedded/embedded-postgres.ts";
import { LocalClock } from "../../../platform/adapters/embedded/local-clock.ts";
import { openSqlite } from "../../../platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../platform/adapters/embedded/sqlite-table.store.ts";
import { wantsHelp } from "../../../platform/config/cli-args.ts";
import { ConfigError } from "../../../platform/config/config-error.ts";
import { loadLocalConfig } from "../../../platform/config/local.config.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { closeDatabase, createDatabase } from "../../../platform/relational/database.ts";
import { migrateToLatest } from "../../../platform/relational/migrator.ts";
import {
  USERMODEL_MIGRATION_TABLE,
  usermodelMigrations,
} from "../../adapters/postgres/usermodel.migrations.ts";
import { PostgresUsermodelProjection } from "../../adapters/postgres/usermodel.projection.ts";
import type { UsersDatabase } from "../../adapters/postgres/usermodel.table.ts";
import { resetProjectorCheckpoint, usermodelProjectorPoller } from "./usermodel-projector.local.ts";

const HELP = `usage: npm run rebuild:usermodel   (with npm start stopped)
Rebuilds the local usermodel table from the users table's whole change log (ROSTER_DATA_DIR, default ./.roster).
`;

async function main(): Promise<void> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(HELP);
    return;
  }
  const config = loadLocalConfig();
  const logger = createLogger("roster-rebuild-usermodel", config.LOG_LEVEL);
  const dataDir = resolve(config.ROSTER_DATA_DIR);
  const sqlite = openSqlite(join(dataDir, "roster.sqlite"));
  // The data folder's local time (npm run clock), which decides what has expired.
  const store = new SqliteTableStore(sqlite, config.STAGE, LocalClock.open(dataDir));
  const postgres = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: join(dataDir, "postgres") }).catch((error: unknown) => {
        sqlite.close();
        throw new Error(
          `${error instanceof Error ? error.message : error} (is npm start running? stop it first)`,
        );
      });
  const usermodel = createDatabase<UsersDatabase>(
    config.DATABASE_URL ?? (postgres?.connectionString as string),
    {
      applicationName: "roster-rebuild-usermodel",
    },
  );
  try {
    await migrateToLatest(usermodel, usermodelMigrations, { tableName: USERMODEL_MIGRATION_TABLE });
    // Checkpoint first: if the rebuild dies after it, the next start replays from the beginning anyway.
    resetProjectorCheckpoint(sqlite);
    await new PostgresUsermodelProjection(usermodel).truncate();
    const { delivered } = await usermodelProjectorPoller({ sqlite, store, usermodel, logger }).drain();
    const { count } = await usermodel
      .selectFrom("usermodel")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .executeTakeFirstOrThrow();
    process.stdout.write(`usermodel rebuilt: ${delivered} changes replayed, ${count} users\n`);
  } finally {
    await closeDatabase(usermodel);
    await postgres?.stop();
    sqlite.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});
