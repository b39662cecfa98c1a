import { sql } from "kysely";
import { nodeSourceAddress } from "../../../platform/http/source-address.ts";
import { closeDatabase, createDatabase } from "../../../platform/relational/database.ts";
import { migrateToLatest } from "../../../platform/relational/migrator.ts";
import type { LocalPlatform, RunningService } from "../../../platform/service/service-module.ts";
import { tableStoreHealth } from "../../../platform/store/table-store.health.ts";
import { usersTable } from "../../adapters/dynamodb/users.tables.ts";
import {
  moveLegacyCleanupMessages,
  SqliteCleanupQueue,
} from "../../adapters/embedded/cleanup-queue.sqlite.ts";
import { PaymentServiceHttpClient } from "../../adapters/http/payment-service.http.ts";
import { SubscriptionServiceHttpClient } from "../../adapters/http/subscription-service.http.ts";
import {
  USERMODEL_MIGRATION_TABLE,
  usermodelMigrations,
} from "../../adapters/postgres/usermodel.migrations.ts";
import { PostgresUserSearch } from "../../adapters/postgres/usermodel.search.ts";
import type { UsersDatabase } from "../../adapters/postgres/usermodel.table.ts";
import { createUsersApp } from "../../api/users.app.ts";
import { embeddedUsersServices } from "./embedded-users.services.ts";
import { usersEventSources } from "./event-sources.local.ts";
import { carryOverLegacyCheckpoint, usermodelProjectorSource } from "./usermodel-projector.local.ts";
import { localWorkerDeps } from "./workers.local.ts";

/** How long a call to the Payment Service may take locally (its sandbox gateway answers at once). */
const PAYMENT_SERVICE_TIMEOUT_MS = 10_000;

/**
 * The User Service in the local process: its tables in the embedded store (the legacy tables too: on AWS
 * they are a second, other-region store), `usermodel` on the PostgreSQL server, sandboxes of the systems
 * outside Roster, Roster's Payment Service through its HTTP client, and its five workers (the four of seeds 000/004 and the usermodel projector).
 */
export async function startUsers(platform: LocalPlatform): Promise<RunningService> {
  const { sqlite, store, clock, ids, logger, channels } = platform;
  const cleanup = channels.queueNames.cleanup?.queue as string;
  const moved = await moveLegacyCleanupMessages(sqlite, channels.queues, cleanup);
  if (moved > 0) logger.info("cleanup messages moved to the cleanup queue", { moved });
  const usermodel = createDatabase<UsersDatabase>(platform.postgresUrl, {
    applicationName: "roster-local",
    onIdleConnectionError: (error) =>
      logger.warn("idle PostgreSQL connection failed", { reason: error.message }),
  });
  await migrateToLatest(usermodel, usermodelMigrations, { tableName: USERMODEL_MIGRATION_TABLE });
  carryOverLegacyCheckpoint(sqlite);

  const health = [
    tableStoreHealth(store, usersTable),
    { name: "postgres", check: async () => void (await sql`select 1`.execute(usermodel)) },
  ];
  // Roster's Payment Service, through the client the User Service uses on AWS, its app in process.
  const payments = new PaymentServiceHttpClient({
    baseUrl: "http://roster.local/payments/",
    bearer: () => platform.issuer.issue({ kind: "service", id: "user-service" }, clock.now()),
    send: (request) => platform.fetch(request),
    timeoutMs: PAYMENT_SERVICE_TIMEOUT_MS,
    clock,
    logger,
  });
  // Roster's Subscription Service, the same way.
  const subscriptions = new SubscriptionServiceHttpClient({
    baseUrl: "http://roster.local/subscriptions/",
    bearer: () => platform.issuer.issue({ kind: "service", id: "user-service" }, clock.now()),
    send: (request) => platform.fetch(request),
    timeoutMs: PAYMENT_SERVICE_TIMEOUT_MS,
    clock,
    logger,
  });
  const { services } = await embeddedUsersServices({
    payments,
    subscriptions,
    store,
    clock,
    ids: () => ids,
    logger,
    events: platform.bus,
    issuer: platform.issuer,
    health,
    // Locally the search reads the same server the projector writes (there is no replica).
    search: new PostgresUserSearch(usermodel, platform.cursors),
    sourceAddress: nodeSourceAddress,
    cleanupQueue: new SqliteCleanupQueue(sqlite, () => clock.now(), {
      queue: cleanup,
      queues: channels.queues,
    }),
  });
  const workers = localWorkerDeps({
    store,
    streams: channels.streams,
    usersStream: channels.streamNames.users as string,
    services,
    fetch: (request) => platform.fetch(request),
    issuer: platform.issuer,
    metrics: platform.metrics("user-service"),
    clock,
    logger,
  });
  return {
    app: createUsersApp(services),
    health,
    eventSources: [...usersEventSources(workers), usermodelProjectorSource({ usermodel, logger })],
    close: () => closeDatabase(usermodel),
  };
}
