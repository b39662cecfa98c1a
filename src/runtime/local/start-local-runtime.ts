import { join, resolve } from "node:path";
import { PowertoolsMetrics } from "../../platform/adapters/aws/powertools.metrics.ts";
import { startEmbeddedPostgres } from "../../platform/adapters/embedded/embedded-postgres.ts";
import { eventSourceMappings } from "../../platform/adapters/embedded/event-sources.ts";
import { LocalClock } from "../../platform/adapters/embedded/local-clock.ts";
import { localCursorSecret } from "../../platform/adapters/embedded/local-cursor-key.ts";
import { LocalIssuer } from "../../platform/adapters/embedded/local-issuer.ts";
import { LocalScheduler } from "../../platform/adapters/embedded/local-scheduler.ts";
import { openSqlite } from "../../platform/adapters/embedded/sqlite.database.ts";
import { SqliteEventBus } from "../../platform/adapters/embedded/sqlite-event-bus.ts";
import { SqliteTableStore } from "../../platform/adapters/embedded/sqlite-table.store.ts";
import { eventSourceDefaults, type LocalConfig } from "../../platform/config/local.config.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import type { Metrics } from "../../platform/metrics/metrics.port.ts";
import type { LocalPlatform, RunningService, ServiceModule } from "../../platform/service/service-module.ts";
import { CursorCodec } from "../../platform/store/cursor-codec.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import { randomIds } from "../../platform/time/id-generator.port.ts";
import { createLocalApp } from "./local-app.ts";
import { localChannels } from "./local-channels.ts";
import { LOCAL_OPERATORS } from "./local-operators.ts";

/** How often expired items are swept (DynamoDB's TTL takes up to days; a minute is plenty here). */
const TTL_SWEEP_MS = 60_000;

export const LOCAL_API_VERSION = "0.1.0";

/** The `service` dimension of the event runtime's own metrics (`roster.deadletter.records`). */
export const EVENT_RUNTIME_METRICS_SERVICE = "local-event-runtime";

export interface LocalRuntimeOptions {
  /** The clock of every service and of the event runtime; the data folder's LocalClock by default. */
  readonly clock?: Clock;
  /** The services to run; every one by default (`services.ts`). */
  readonly services: readonly ServiceModule[];
  readonly metrics?: (serviceName: string) => Metrics;
}

export interface LocalRuntime {
  /** Every service's app behind one port. */
  readonly app: ReturnType<typeof createLocalApp>;
  readonly platform: LocalPlatform;
  readonly running: ReadonlyMap<string, RunningService>;
  /** The data folder's clock, when the runtime runs on it (no clock was passed): `/local/clock` moves it. */
  readonly localClock: LocalClock | undefined;
  close(): Promise<void>;
}

/**
 * The composition root of the local process: the embedded stores under the data folder, shared by
 * every service; each service started on them; their apps behind one port; their workers on the
 * local streams, change feeds and queues with Lambda's event source mapping semantics; their schedules.
 */
export async function startLocalRuntime(
  config: LocalConfig,
  logger: Logger,
  options: LocalRuntimeOptions,
): Promise<LocalRuntime> {
  const { services } = options;
  const dataDir = resolve(config.ROSTER_DATA_DIR);
  // Tests bring a clock of their own; npm start runs on the data folder's, which a person moves.
  const localClock = options.clock ? undefined : LocalClock.open(dataDir);
  const clock = options.clock ?? (localClock as LocalClock);
  const sqlite = openSqlite(join(dataDir, "roster.sqlite"));
  const cursors = new CursorCodec({ secret: localCursorSecret(dataDir), clock });
  const store = new SqliteTableStore(sqlite, config.STAGE, clock, cursors);
  const postgres = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(dataDir, "postgres"),
        log: (level, message) => (level === "debug" ? logger.debug(message) : logger[level](message)),
      });
  let app: ReturnType<typeof createLocalApp> | undefined;
  const platform: LocalPlatform = {
    stage: config.STAGE,
    dataDir,
    logger,
    clock,
    ids: randomIds,
    sqlite,
    store,
    bus: new SqliteEventBus(sqlite, logger),
    channels: localChannels(sqlite, config, services, () => clock.now()),
    issuer: await LocalIssuer.open(dataDir),
    cursors,
    postgresUrl: config.DATABASE_URL ?? (postgres?.connectionString as string),
    metrics:
      options.metrics ?? ((serviceName) => new PowertoolsMetrics({ namespace: "Roster", serviceName })),
    fetch: async (request) => {
      if (!app) throw new Error("the local process is still starting");
      return app.fetch(request);
    },
  };
  const running = new Map<string, RunningService>();
  for (const service of services) running.set(service.name, await service.start(platform));
  const scheduler = new LocalScheduler(
    [...running.values()].flatMap((service) => service.schedules ?? []),
    { logger, timeoutMs: config.ROSTER_WORKER_TIMEOUT_MS },
  );
  app = createLocalApp(
    services.map((service) => ({ ...service, ...(running.get(service.name) as RunningService) })),
    {
      version: LOCAL_API_VERSION,
      logger,
      jwks: () => platform.issuer.jwks(),
      oidc: { issuer: platform.issuer, operators: LOCAL_OPERATORS, clock },
      ...(localClock
        ? {
            clock: {
              clock: localClock,
              runSchedules: () => scheduler.runNow(),
              principals: platform.issuer.principalResolver(localClock),
              logger,
            },
          }
        : {}),
    },
  );

  const tables = services.flatMap((service) => service.tables);
  const sweeper = setInterval(() => {
    const swept = store.sweepExpired(tables);
    if (swept > 0) logger.debug("swept expired items", { swept });
  }, TTL_SWEEP_MS);
  sweeper.unref();
  const workers = eventSourceMappings(
    [...running.values()].flatMap((service) => service.eventSources),
    {
      db: sqlite,
      store,
      channels: platform.channels,
      logger,
      metrics: platform.metrics(EVENT_RUNTIME_METRICS_SERVICE),
      defaults: eventSourceDefaults(config),
      // The local clock moves with the system's, so batching windows still end; a test's clock may stand still.
      ...(localClock ? { now: () => localClock.now() } : {}),
    },
  );
  workers.start();
  scheduler.start();
  return {
    app,
    platform,
    running,
    localClock,
    close: async () => {
      clearInterval(sweeper);
      await scheduler.stop();
      await workers.stop();
      for (const service of [...running.values()].reverse()) await service.close();
      await postgres?.stop();
      sqlite.close();
    },
  };
}
