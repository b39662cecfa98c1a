import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { FileObjectStore } from "../../platform/adapters/embedded/file.object-store.ts";
import type { LocalIssuer } from "../../platform/adapters/embedded/local-issuer.ts";
import type { DomainEvent } from "../../platform/events/event-publisher.port.ts";
import { testRunLogger } from "../../platform/logging/test-run.logger.ts";
import type { Metrics } from "../../platform/metrics/metrics.port.ts";
import { relayOutbox } from "../../platform/outbox/outbox-relay.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import { randomIds } from "../../platform/time/id-generator.port.ts";
import { RenewalChargesHttpClient } from "../adapters/http/renewal-charges.http.ts";
import type { SubscriptionsDatabase } from "../adapters/postgres/subscriptions.tables.ts";
import { QueueNotificationSender } from "../adapters/queue/notification.queue.ts";
import { createSubscriptionsApp } from "../api/subscriptions.app.ts";
import type { Memberships } from "../ports/membership.port.ts";
import type { BillingRunOptions } from "../workers/billing-run.worker.ts";
import { runDueCycles } from "../workers/billing-run.worker.ts";
import { deliverFollowups } from "../workers/membership-followups.worker.ts";
import { subscriptionsServices } from "./subscriptions.services.ts";

export interface TestSubscriptionsOptions {
  /** A migrated subscriptions database (tests share one per file and empty it between tests). */
  readonly db: Kysely<SubscriptionsDatabase>;
  /** The test's clock: periods, cycles and the tokens' lifetimes follow it. */
  readonly clock: Clock;
  readonly issuer: LocalIssuer;
  /** Roster's Payment Service's app (the tests' real one), called in process as the local process does. */
  readonly payments: { fetch(request: Request): Promise<Response> };
  /** The User Service as billing tells it what it did; default: a recorder of the calls. */
  readonly memberships?: Memberships;
  readonly metrics?: Metrics;
}

/** A call billing made to the User Service, as the default recorder keeps it. */
export interface MembershipCallMade {
  readonly call: keyof Memberships;
  readonly userId: string;
}

/**
 * The composition root of the Subscription Service for tests: its PostgreSQL stores on the given
 * database, the Payment Service's app through the service's own HTTP client, the outbox relayed into
 * arrays (`streamed`, `published`, `notices`) so a test reads exactly what would go out, and `tick()` to run the
 * billing runner, the follow-ups and the relay once, as a scheduler tick does.
 */
export function buildTestSubscriptions(options: TestSubscriptionsOptions) {
  const { db, clock, issuer } = options;
  const logger = testRunLogger("roster-test-subscriptions");
  const calls: MembershipCallMade[] = [];
  const recorder: Memberships = {
    finalizeDowngrade: async (userId) => void calls.push({ call: "finalizeDowngrade", userId }),
    completeCancellation: async (userId) => void calls.push({ call: "completeCancellation", userId }),
    endForPaymentFailure: async (userId) => void calls.push({ call: "endForPaymentFailure", userId }),
  };
  const metrics: Metrics = options.metrics ?? { count: () => {}, duration: () => {} };
  const services = subscriptionsServices({
    db,
    clock,
    ids: randomIds,
    logger,
    metrics,
    charges: new RenewalChargesHttpClient({
      baseUrl: "http://roster.test/payments/",
      bearer: () => issuer.issue({ kind: "service", id: "subscription-service" }, clock.now()),
      send: (request) => options.payments.fetch(request),
      timeoutMs: 5_000,
      clock,
      logger,
    }),
    memberships: options.memberships ?? recorder,
  });
  const objects = new FileObjectStore(mkdtempSync(join(tmpdir(), "roster-subscription-objects-")));
  const streamed: { partitionKey: string; record: unknown }[] = [];
  const published: DomainEvent[] = [];
  const notices: Record<string, unknown>[] = [];
  const noticeQueue = {
    sendBatch: async (_queue: string, bodies: readonly string[]) =>
      void notices.push(...bodies.map((body) => JSON.parse(body) as Record<string, unknown>)),
  };
  const publish = services.publish({
    streams: {
      put: async (_stream, records) =>
        records.map((r, i) => {
          streamed.push({ partitionKey: r.partitionKey, record: JSON.parse(r.data) });
          return { shardId: "shard-0", sequenceNumber: String(streamed.length + i) };
        }),
    },
    stream: "test-subscriptions",
    bus: { publish: async (events) => void published.push(...events) },
    objects,
    notifications: new QueueNotificationSender(noticeQueue, "test-subscription-notifications"),
  });
  const app = createSubscriptionsApp({
    subscriptions: services.subscriptions,
    logger,
    principals: issuer.principalResolver(clock),
    health: [],
    jwks: () => issuer.jwks(),
  });
  const relay = async () => {
    while ((await relayOutbox({ outbox: services.outbox, publish, logger })) > 0);
  };
  return {
    app,
    services,
    /** The calls billing made to the (recorded) User Service. */
    membershipCalls: calls,
    streamed,
    published,
    /** The members' notices as the queue took them (each checked against the contract on the way). */
    notices,
    /** The receipts and plan snapshots, in a temporary folder (the file adapter). */
    objects,
    relay,
    /** One scheduler tick: the runner until nothing is due, the follow-ups, then the relay. */
    async tick(run: BillingRunOptions = {}) {
      const result = await runDueCycles(services.run, run);
      await deliverFollowups(services.followups);
      await relay();
      return result;
    },
  };
}
