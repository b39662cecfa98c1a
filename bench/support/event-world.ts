/**
 * The User Service's part of the local runtime (`startLocalRuntime`) without PostgreSQL (the projector and the search are
 * not on the subscriptions path): the store, streams and mappings on one SQLite file in `dataDir`, the
 * sandboxes, and the four workers as `localWorkerDeps` wires them on the mappings `usersEventSources`
 * declares, with recorded metrics instead of EMF.
 */
import { join } from "node:path";
import { eventSourceMappings } from "../../src/platform/adapters/embedded/event-sources.ts";
import { LocalIssuer } from "../../src/platform/adapters/embedded/local-issuer.ts";
import { RecordingMetrics } from "../../src/platform/adapters/embedded/recording.metrics.ts";
import { openSqlite } from "../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteEventBus } from "../../src/platform/adapters/embedded/sqlite-event-bus.ts";
import { SqliteTableStore } from "../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { eventSourceDefaults, localConfigSchema } from "../../src/platform/config/local.config.ts";
import { UnavailableError } from "../../src/platform/errors/app.errors.ts";
import { createLogger } from "../../src/platform/logging/logger.ts";
import { tableStoreHealth } from "../../src/platform/store/table-store.health.ts";
import { systemClock } from "../../src/platform/time/clock.port.ts";
import { randomIds } from "../../src/platform/time/id-generator.port.ts";
import { localChannels } from "../../src/runtime/local/local-channels.ts";
import { usersTable } from "../../src/users/adapters/dynamodb/users.tables.ts";
import { SqliteCleanupQueue } from "../../src/users/adapters/embedded/cleanup-queue.sqlite.ts";
import { createUsersApp } from "../../src/users/api/users.app.ts";
import { activeTag } from "../../src/users/domain/tag.ts";
import { signUp } from "../../src/users/domain/user.ts";
import { nextVersion } from "../../src/users/domain/user-version.ts";
import type { PaymentService } from "../../src/users/ports/payment-service.port.ts";
import type { SubscriptionService } from "../../src/users/ports/subscription-service.port.ts";
import type { UserSearch } from "../../src/users/ports/user-search.port.ts";
import { PAUSE_STATUS_TAG } from "../../src/users/use-cases/membership/pause-tag.steps.ts";
import { usersModule } from "../../src/users/users.module.ts";
import { embeddedUsersServices } from "../../src/users/wiring/local/embedded-users.services.ts";
import { usersEventSources } from "../../src/users/wiring/local/event-sources.local.ts";
import { localWorkerDeps } from "../../src/users/wiring/local/workers.local.ts";

const noPostgres = () => Promise.reject(new UnavailableError("the events bench runs without PostgreSQL"));
const noSearch: UserSearch = { search: noPostgres, membersReport: noPostgres };

/** The events bench's records never reach a charge; the Payment Service is not started for it. */
/** The event flows measured here call no Subscription Service (the worker only reads its stream). */
const noSubscriptions = new Proxy({} as SubscriptionService, {
  get: () => async () => {
    throw new Error("the event benchmark calls no Subscription Service");
  },
});

const noPayments: PaymentService = {
  charge: () => Promise.reject(new UnavailableError("the events bench runs without the Payment Service")),
  refund: () => Promise.reject(new UnavailableError("the events bench runs without the Payment Service")),
  activeDebitCard: () =>
    Promise.reject(new UnavailableError("the events bench runs without the Payment Service")),
};

export type EventWorld = Awaited<ReturnType<typeof openEventWorld>>;

export async function openEventWorld(dataDir: string, logLevel: string | undefined) {
  const config = localConfigSchema.parse({
    STAGE: "bench",
    ROSTER_DATA_DIR: dataDir,
    LOG_LEVEL: logLevel ?? "WARN",
  });
  const logger = createLogger("roster-bench", config.LOG_LEVEL);
  const clock = systemClock;
  const sqlite = openSqlite(join(dataDir, "roster.sqlite"));
  const store = new SqliteTableStore(sqlite, config.STAGE, clock);
  const channels = localChannels(sqlite, config, [usersModule], () => clock.now());
  const issuer = await LocalIssuer.open(dataDir);
  const { services } = await embeddedUsersServices({
    store,
    clock,
    ids: () => randomIds,
    logger,
    events: new SqliteEventBus(sqlite, logger),
    issuer,
    health: [tableStoreHealth(store, usersTable)],
    search: noSearch,
    payments: noPayments,
    subscriptions: noSubscriptions,
    sourceAddress: () => "127.0.0.1",
    cleanupQueue: new SqliteCleanupQueue(sqlite, () => clock.now(), {
      queue: channels.queueNames.cleanup?.queue as string,
      queues: channels.queues,
    }),
  });
  const app = createUsersApp(services);
  const metrics = new RecordingMetrics();
  const workers = localWorkerDeps({
    store,
    streams: channels.streams,
    usersStream: channels.streamNames.users as string,
    services,
    fetch: async (request) => app.fetch(request),
    issuer,
    // Recorded, not printed: one EMF line per count would flood the bench's output.
    metrics,
    clock,
    logger,
  });
  const runtime = eventSourceMappings(usersEventSources(workers), {
    db: sqlite,
    store,
    channels,
    logger,
    metrics,
    defaults: eventSourceDefaults(config),
  });
  return { config, logger, sqlite, store, channels, services, workers, metrics, runtime };
}

/**
 * Members whose pause was requested and not yet collected: MEMBERSHIP_PAUSE_STATUS SUB_PENDING_PAUSE on
 * the user (TAG item and tags map) and a SUB_PENDING_PAUSE membership record, written through the
 * repositories as sign-up and the pause write them (two transactions per user instead of the API's calls).
 */
export async function seedPausingMembers(world: EventWorld, ids: readonly string[]): Promise<void> {
  const { users, memberships, clock } = world.services.lifecycle;
  for (const id of ids) {
    const now = clock.now();
    const { user, startTag } = signUp(id, { user_email: `${id.replace(/[^a-z0-9]/g, "")}@example.com` }, now);
    await users.create(user, startTag, "USER_CREATED");
    const tag = activeTag(PAUSE_STATUS_TAG, "SUB_PENDING_PAUSE", now);
    const next = nextVersion(
      user,
      { user_status: "ACTIVE", tags: { ...user.tags, [tag.tag_name]: tag } },
      now,
      "service:bench",
    );
    await memberships.save(
      undefined,
      {
        membership_user_id: id,
        membership_tier: "plus",
        membership_tier_version: "v1",
        membership_term: "MONTHLY",
        membership_status: "SUB_PENDING_PAUSE",
        membership_event_source: "user",
        membership_event_type: "SUB_PAUSED",
        membership_is_pending_downgrade: false,
        membership_start_date: now.toISOString(),
        membership_pause_date: now.toISOString(),
        membership_pause_duration_months: 2,
      },
      { previous: user, next, eventType: "USER_ACTIVE", tag },
    );
  }
}
