import { join, resolve } from "node:path";
import { sql } from "kysely";
import { PowertoolsMetrics } from "../../platform/adapters/aws/powertools.metrics.ts";
import { startEmbeddedPostgres } from "../../platform/adapters/embedded/embedded-postgres.ts";
import { LocalIssuer } from "../../platform/adapters/embedded/local-issuer.ts";
import { openSqlite } from "../../platform/adapters/embedded/sqlite.database.ts";
import { SqliteEventBus } from "../../platform/adapters/embedded/sqlite-event-bus.ts";
import { SqliteTableStore } from "../../platform/adapters/embedded/sqlite-table.store.ts";
import type { HealthCheck } from "../../platform/http/health.routes.ts";
import { nodeSourceAddress } from "../../platform/http/source-address.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { closeDatabase, createDatabase } from "../../platform/relational/database.ts";
import { migrateToLatest } from "../../platform/relational/migrator.ts";
import { tableStoreHealth } from "../../platform/store/table-store.health.ts";
import { type Clock, systemClock } from "../../platform/time/clock.port.ts";
import { randomIds } from "../../platform/time/id-generator.port.ts";
import { moveLegacyCleanupMessages, SqliteCleanupQueue } from "../../users/adapters/cleanup-queue.sqlite.ts";
import { SandboxMlaLookup } from "../../users/adapters/mla-lookup.sandbox.ts";
import { SandboxTransactionsService } from "../../users/adapters/transactions-service.sandbox.ts";
import { USERMODEL_MIGRATION_TABLE, usermodelMigrations } from "../../users/adapters/usermodel.migrations.ts";
import { PostgresUserSearch } from "../../users/adapters/usermodel.search.ts";
import type { UsersDatabase } from "../../users/adapters/usermodel.table.ts";
import { userServiceTables, usersTable } from "../../users/adapters/users.tables.ts";
import { type AppServices, createApp } from "../../users/api/users.app.ts";
import { localEventRuntime } from "../../users/wiring/local/event-sources.local.ts";
import { sandboxMembershipServices } from "../../users/wiring/local/sandbox-membership-services.ts";
import { usermodelProjectorPoller } from "../../users/wiring/local/usermodel-projector.local.ts";
import { localWorkerDeps } from "../../users/wiring/local/workers.local.ts";
import { userServiceServices } from "../../users/wiring/users.services.ts";
import type { LocalConfig } from "./local.config.ts";
import { type LocalChannels, localChannels } from "./local-channels.ts";

/** How often expired items are swept (DynamoDB's TTL takes up to days; a minute is plenty here). */
const TTL_SWEEP_MS = 60_000;

export interface LocalServices {
  readonly services: AppServices;
  /** The one app: served over HTTP by main, called in process by the payment worker. */
  readonly app: ReturnType<typeof createApp>;
  /** The local streams, queues and dead letters the workers read (ARCHITECTURE.md, "The local event runtime"). */
  readonly channels: LocalChannels;
  readonly store: SqliteTableStore;
  /** Domain events, recorded in the store's SQLite file; local targets subscribe here. */
  readonly bus: SqliteEventBus;
  readonly postgresUrl: string;
  close(): Promise<void>;
}

/** The composition root of the local process: every store embedded under the data folder. */
export async function buildLocalServices(
  config: LocalConfig,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<LocalServices> {
  const dataDir = resolve(config.ROSTER_DATA_DIR);
  const sqlite = openSqlite(join(dataDir, "roster.sqlite"));
  const store = new SqliteTableStore(sqlite, config.STAGE, clock);
  const channels = localChannels(sqlite, config, () => clock.now());
  const moved = await moveLegacyCleanupMessages(sqlite, channels.queues, channels.names.cleanup);
  if (moved > 0) logger.info("cleanup messages moved to the cleanup queue", { moved });
  const bus = new SqliteEventBus(sqlite, logger);
  const issuer = await LocalIssuer.open(dataDir);
  const postgres = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(dataDir, "postgres"),
        log: (level, message) => (level === "debug" ? logger.debug(message) : logger[level](message)),
      });
  const postgresUrl = config.DATABASE_URL ?? (postgres?.connectionString as string);
  const usermodel = createDatabase<UsersDatabase>(postgresUrl, {
    applicationName: "roster-local",
    onIdleConnectionError: (error) =>
      logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
  });
  await migrateToLatest(usermodel, usermodelMigrations, { tableName: USERMODEL_MIGRATION_TABLE });

  const sweeper = setInterval(() => {
    const swept = store.sweepExpired(userServiceTables);
    if (swept > 0) logger.debug("swept expired items", { swept });
  }, TTL_SWEEP_MS);
  sweeper.unref();
  // usermodel follows the users table's change log, as the projector Lambda follows its stream on AWS.
  const projector = usermodelProjectorPoller({ sqlite, store, usermodel, logger });
  projector.start();

  const health: HealthCheck[] = [
    tableStoreHealth(store, usersTable),
    { name: "postgres", check: async () => void (await sql`select 1`.execute(usermodel)) },
  ];
  const services: AppServices = {
    logger,
    principals: issuer.principalResolver(clock),
    health,
    ...userServiceServices({
      store,
      // The embedded store holds the legacy tables too; on AWS they are a second, other-region store.
      legacyStore: store,
      clock,
      events: bus,
      logger,
      // Sandboxes of the external systems, steered by user id and SSN (ARCHITECTURE.md, "Transactions Service and Experian").
      transactions: new SandboxTransactionsService({ store, clock, ids: randomIds }),
      mlaLookup: new SandboxMlaLookup({ ids: randomIds }),
      // Locally the search reads the same server the projector writes (there is no replica).
      search: new PostgresUserSearch(usermodel),
      sourceAddress: nodeSourceAddress,
      membershipServices: await sandboxMembershipServices({ store, clock, ids: randomIds }),
      cleanupQueue: new SqliteCleanupQueue(sqlite, () => clock.now(), {
        queue: channels.names.cleanup,
        queues: channels.queues,
      }),
    }),
    jwks: () => issuer.jwks(),
  };
  const app = createApp(services);
  // The four workers on their event sources, as Lambda's event source mappings run them on AWS.
  const events = localEventRuntime({
    db: sqlite,
    store,
    channels,
    config,
    logger,
    workers: localWorkerDeps({
      store,
      streams: channels.streams,
      usersStream: channels.names.streams.users,
      services,
      fetch: async (request) => app.fetch(request),
      issuer,
      metrics: new PowertoolsMetrics({ namespace: "Roster", serviceName: "user-service" }),
      clock,
      logger,
    }),
  });
  events.start();
  return {
    services,
    app,
    channels,
    store,
    bus,
    postgresUrl,
    close: async () => {
      clearInterval(sweeper);
      await events.stop();
      await projector.stop();
      await closeDatabase(usermodel);
      await postgres?.stop();
      sqlite.close();
    },
  };
}
