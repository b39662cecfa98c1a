import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { Context } from "aws-lambda";
import { KinesisStreamProducer } from "../../../platform/adapters/aws/kinesis.producer.ts";
import { PowertoolsMetrics } from "../../../platform/adapters/aws/powertools.metrics.ts";
import type { EventPublisher } from "../../../platform/events/event-publisher.port.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import type { ObjectStore } from "../../../platform/objects/object-store.port.ts";
import { type RelayRunDeps, relayForAWhile } from "../../../platform/outbox/outbox-relay.ts";
import { PostgresOutbox } from "../../../platform/relational/postgres-outbox.ts";
import { onFirstUse } from "../../../platform/service/on-first-use.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import type { BatchQueue } from "../../adapters/queue/notification.queue.ts";
import { QueueNotificationSender } from "../../adapters/queue/notification.queue.ts";
import {
  loadSubscriptionsRelayConfig,
  SUBSCRIPTIONS_OUTBOX_LAG_METRIC,
  type SubscriptionsRelayConfig,
} from "../config/outbox-relay.config.ts";
import { outboxRoutes } from "../outbox-routes.ts";
import { openAwsSubscriptionsDatabase, SUBSCRIPTION_SERVICE } from "./subscriptions-database.aws.ts";

/**
 * The outbox relay's composition root on AWS, once per cold start: the database, the platform's
 * Kinesis producer for the `subscriptions` stream, its EventBridge publisher for the service's bus,
 * the documents bucket and the notices queue (the routes of `outbox-routes.ts`). One relay at a time:
 * reserved concurrency 1. Every run with records streams them; the bus, S3 and SQS clients are loaded
 * by the first run that has a catalogue event, a document or a notice (issue 16: with them the relay
 * read 1,087 KiB at cold start).
 */
export async function buildSubscriptionsRelay(
  config: SubscriptionsRelayConfig,
  clock: Clock = systemClock,
): Promise<RelayRunDeps> {
  const logger = createLogger(`${SUBSCRIPTION_SERVICE}-outbox-relay`, config.LOG_LEVEL);
  const db = await openAwsSubscriptionsDatabase(config, logger, "outbox-relay");
  return {
    outbox: new PostgresOutbox({ db, clock }),
    publish: outboxRoutes({
      // HTTP/1.1: PutRecords needs no HTTP/2 (only SubscribeToShard does), and kinesalite speaks only 1.1.
      streams: new KinesisStreamProducer({
        client: new KinesisClient({ region: config.AWS_REGION, requestHandler: new NodeHttpHandler() }),
      }),
      stream: config.SUBSCRIPTIONS_STREAM_NAME,
      bus: onFirstUse<EventPublisher>(async () => {
        const { eventBridgePublisher } = await import(
          "../../../platform/adapters/aws/eventbridge-publisher.factory.ts"
        );
        return eventBridgePublisher(config.AWS_REGION, config.EVENT_BUS_NAME);
      }),
      objects: onFirstUse<ObjectStore>(async () => {
        const { awsObjectStore } = await import("../../../platform/adapters/aws/s3-object-store.factory.ts");
        return awsObjectStore(config.DOCUMENTS_BUCKET, config.AWS_REGION);
      }),
      notifications: new QueueNotificationSender(
        onFirstUse<BatchQueue>(async () => {
          const { sqsQueueSender } = await import("../../../platform/adapters/aws/sqs-client.factory.ts");
          return sqsQueueSender(config.AWS_REGION);
        }),
        config.NOTIFICATIONS_QUEUE_URL,
      ),
    }),
    logger,
    clock,
    lagMetric: SUBSCRIPTIONS_OUTBOX_LAG_METRIC,
    metrics: new PowertoolsMetrics({
      namespace: config.METRICS_NAMESPACE,
      serviceName: SUBSCRIPTION_SERVICE,
    }),
  };
}

/** The relay's handler for EventBridge Scheduler's runs (their event carries nothing it reads). */
export async function subscriptionsRelayHandler(env: Record<string, string | undefined>) {
  const config = loadSubscriptionsRelayConfig(env);
  const deps = await buildSubscriptionsRelay(config);
  return (_event: unknown, context: Context) =>
    relayForAWhile(deps, {
      runMs: config.RELAY_RUN_MS,
      pollMs: config.RELAY_POLL_MS,
      remainingMs: () => context.getRemainingTimeInMillis(),
    });
}
