import { join } from "node:path";
import { sql } from "kysely";
import { FileObjectStore } from "../../../platform/adapters/embedded/file.object-store.ts";
import {
  localServiceDatabaseName,
  openLocalServiceDatabase,
} from "../../../platform/adapters/embedded/local-service-database.ts";
import { relayOutbox } from "../../../platform/outbox/outbox-relay.ts";
import { closeDatabase } from "../../../platform/relational/database.ts";
import type { LocalPlatform, RunningService } from "../../../platform/service/service-module.ts";
import { MembershipsHttpClient } from "../../adapters/http/memberships.http.ts";
import { RenewalChargesHttpClient } from "../../adapters/http/renewal-charges.http.ts";
import {
  SUBSCRIPTIONS_MIGRATION_TABLE,
  subscriptionsMigrations,
} from "../../adapters/postgres/subscriptions.migrations.ts";
import type { SubscriptionsDatabase } from "../../adapters/postgres/subscriptions.tables.ts";
import { QueueNotificationSender } from "../../adapters/queue/notification.queue.ts";
import { createSubscriptionsApp } from "../../api/subscriptions.app.ts";
import { runDueCycles } from "../../workers/billing-run.worker.ts";
import { deliverFollowups } from "../../workers/membership-followups.worker.ts";
import { subscriptionsServices } from "../subscriptions.services.ts";
import { subscriptionsEventSources } from "./event-sources.local.ts";

/** How often the local process runs the billing runner and relays the outbox. */
const BILLING_MS = 1_000;
const RELAY_MS = 200;
/** The in-process calls to the Payment and User Services. */
const CALL_TIMEOUT_MS = 10_000;

/** The Subscription Service's database name on the local server (`localServiceDatabaseName`). */
export const subscriptionsDatabaseName = (adminUrl: string) =>
  localServiceDatabaseName(adminUrl, "subscriptions");

/**
 * The Subscription Service in the local process: its own database and role on the PostgreSQL server
 * the others use, the billing runner on the local scheduler (so `npm run clock -- advance 31d` bills a
 * month), the outbox relayed to the local `subscriptions` stream and bus, and the Payment and User
 * Services called through the clients it uses on AWS, their apps in process with a service token.
 */
export async function startSubscriptions(platform: LocalPlatform): Promise<RunningService> {
  const { clock, ids, logger } = platform;
  const db = await openLocalServiceDatabase<SubscriptionsDatabase>({
    postgresUrl: platform.postgresUrl,
    dataDir: platform.dataDir,
    logger,
    name: subscriptionsDatabaseName(platform.postgresUrl),
    migrations: subscriptionsMigrations,
    migrationTable: SUBSCRIPTIONS_MIGRATION_TABLE,
    applicationName: "roster-local-subscriptions",
  });
  const inProcess = (baseUrl: string) => ({
    baseUrl,
    bearer: () => platform.issuer.issue({ kind: "service", id: "subscription-service" }, clock.now()),
    send: (request: Request) => platform.fetch(request),
    timeoutMs: CALL_TIMEOUT_MS,
    clock,
    logger,
  });
  const services = subscriptionsServices({
    db,
    clock,
    ids,
    logger,
    metrics: platform.metrics("subscription-service"),
    charges: new RenewalChargesHttpClient(inProcess("http://roster.local/payments/")),
    memberships: new MembershipsHttpClient(inProcess("http://roster.local/")),
  });
  const publish = services.publish({
    streams: platform.channels.streams,
    stream: platform.channels.streamNames.subscriptions as string,
    bus: platform.bus,
    objects: new FileObjectStore(join(platform.dataDir, "objects")),
    notifications: new QueueNotificationSender(
      platform.channels.queues,
      platform.channels.queueNames.notifications?.queue as string,
    ),
  });
  const workers = { ...services.run, store: services.subscriptions.store };
  const health = [
    { name: "subscriptions-postgres", check: async () => void (await sql`select 1`.execute(db)) },
  ];
  return {
    app: createSubscriptionsApp({
      subscriptions: services.subscriptions,
      logger,
      principals: platform.issuer.principalResolver(clock),
      health,
      jwks: () => platform.issuer.jwks(),
    }),
    health,
    eventSources: subscriptionsEventSources(workers),
    schedules: [
      {
        name: "subscriptions-billing",
        rateMs: BILLING_MS,
        handler: async () => {
          await runDueCycles(services.run);
          await deliverFollowups(services.followups);
        },
      },
      {
        name: "subscriptions-outbox-relay",
        rateMs: RELAY_MS,
        handler: async () => {
          while ((await relayOutbox({ outbox: services.outbox, publish, logger })) > 0);
        },
      },
    ],
    close: () => closeDatabase(db),
  };
}
