import type { KinesisStreamHandler } from "aws-lambda";
import { awsTableStore } from "../../../platform/adapters/aws/dynamodb-table-store.factory.ts";
import { PowertoolsMetrics } from "../../../platform/adapters/aws/powertools.metrics.ts";
import type { EventPublisher } from "../../../platform/events/event-publisher.port.ts";
import { TableStorePersistenceLayer } from "../../../platform/idempotency/table-store.persistence.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { onFirstUse } from "../../../platform/service/on-first-use.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { MembershipStoreRepository } from "../../adapters/dynamodb/membership-store.repository.ts";
import { UserStoreRepository } from "../../adapters/dynamodb/user-store.repository.ts";
import type { Analytics } from "../../ports/analytics.port.ts";
import type { SubscriptionsWorkerDeps } from "../../workers/subscriptions.worker.ts";
import { subscriptionsWorker } from "../../workers/subscriptions.worker.ts";
import type { SubscriptionsWorkerConfig } from "../config/subscriptions-worker.config.ts";
import { loadSubscriptionsWorkerConfig } from "../config/subscriptions-worker.config.ts";

/**
 * The subscriptions worker's composition root (seed 004), run once at cold start: the users table, the
 * event bus, Segment, EMF metrics and the idempotency table. The EventBridge client and Segment's
 * library are loaded by the first record that publishes or tracks (issue 16: with jose, which Segment's
 * library brings, they were a fifth of the bundle read at cold start; most records need neither).
 */
export function buildSubscriptionsWorker(
  config: SubscriptionsWorkerConfig,
  clock: Clock = systemClock,
): SubscriptionsWorkerDeps {
  const logger = createLogger("user-service-subscriptions", config.LOG_LEVEL);
  const store = awsTableStore(config, clock);
  return {
    logger,
    clock,
    users: new UserStoreRepository(store),
    memberships: new MembershipStoreRepository(store),
    events: onFirstUse<EventPublisher>(async () => {
      const { eventBridgePublisher } = await import(
        "../../../platform/adapters/aws/eventbridge-publisher.factory.ts"
      );
      return eventBridgePublisher(config.AWS_REGION, config.EVENT_BUS_NAME);
    }),
    analytics: onFirstUse<Analytics>(async () => {
      const { SegmentAnalytics } = await import("../../adapters/segment/analytics.segment.ts");
      return new SegmentAnalytics({
        writeKey: config.SEGMENT_WRITE_KEY,
        ...(config.SEGMENT_HOST ? { host: config.SEGMENT_HOST } : {}),
      });
    }),
    metrics: new PowertoolsMetrics({ namespace: config.METRICS_NAMESPACE, serviceName: "user-service" }),
    idempotency: new TableStorePersistenceLayer({ store }),
  };
}

/** The subscriptions worker's Lambda handler, composed once at cold start from `env`. */
export function subscriptionsWorkerHandler(env: Record<string, string | undefined>): KinesisStreamHandler {
  const handle = subscriptionsWorker(buildSubscriptionsWorker(loadSubscriptionsWorkerConfig(env)));
  return (event, context) => handle(event.Records, context);
}
