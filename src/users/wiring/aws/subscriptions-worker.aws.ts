import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { KinesisStreamHandler } from "aws-lambda";
import { awsTableStore } from "../../../platform/adapters/aws/dynamodb-table-store.factory.ts";
import { EventBridgePublisher } from "../../../platform/adapters/aws/eventbridge.publisher.ts";
import { PowertoolsMetrics } from "../../../platform/adapters/aws/powertools.metrics.ts";
import { TableStorePersistenceLayer } from "../../../platform/idempotency/table-store.persistence.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { MembershipStoreRepository } from "../../adapters/dynamodb/membership-store.repository.ts";
import { UserStoreRepository } from "../../adapters/dynamodb/user-store.repository.ts";
import { SegmentAnalytics } from "../../adapters/segment/analytics.segment.ts";
import type { SubscriptionsWorkerDeps } from "../../workers/subscriptions.worker.ts";
import { subscriptionsWorker } from "../../workers/subscriptions.worker.ts";
import type { SubscriptionsWorkerConfig } from "../config/subscriptions-worker.config.ts";
import { loadSubscriptionsWorkerConfig } from "../config/subscriptions-worker.config.ts";

/**
 * The subscriptions worker's composition root (seed 004), run once at cold start: the users table, the
 * event bus, Segment, EMF metrics and the idempotency table.
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
    events: new EventBridgePublisher({
      client: new EventBridgeClient({ region: config.AWS_REGION }),
      busName: config.EVENT_BUS_NAME,
    }),
    analytics: new SegmentAnalytics({
      writeKey: config.SEGMENT_WRITE_KEY,
      ...(config.SEGMENT_HOST ? { host: config.SEGMENT_HOST } : {}),
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
