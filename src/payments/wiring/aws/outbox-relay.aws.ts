import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { Context } from "aws-lambda";
import { KinesisStreamProducer } from "../../../platform/adapters/aws/kinesis.producer.ts";
import { PowertoolsMetrics } from "../../../platform/adapters/aws/powertools.metrics.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type RelayRunDeps, relayForAWhile, toStream } from "../../../platform/outbox/outbox-relay.ts";
import { PostgresOutbox } from "../../../platform/relational/postgres-outbox.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import {
  loadOutboxRelayConfig,
  OUTBOX_LAG_METRIC,
  type OutboxRelayConfig,
} from "../config/outbox-relay.config.ts";
import { openAwsPaymentsDatabase } from "./payments-database.aws.ts";

/**
 * The outbox relay's composition root on AWS, once per cold start: the database and the platform's
 * Kinesis producer (PutRecords in chunks, refused records sent again). One relay at a time (the
 * Outbox port's rule): the function's reserved concurrency is 1.
 */
export async function buildOutboxRelay(
  config: OutboxRelayConfig,
  clock: Clock = systemClock,
): Promise<RelayRunDeps> {
  const logger = createLogger("payment-service-outbox-relay", config.LOG_LEVEL);
  const db = await openAwsPaymentsDatabase(config, logger, "outbox-relay");
  return {
    outbox: new PostgresOutbox({ db, clock }),
    // HTTP/1.1: PutRecords needs no HTTP/2 (only SubscribeToShard does), and kinesalite speaks only 1.1.
    publish: toStream(
      new KinesisStreamProducer({
        client: new KinesisClient({ region: config.AWS_REGION, requestHandler: new NodeHttpHandler() }),
      }),
      config.PAYMENTS_STREAM_NAME,
    ),
    logger,
    clock,
    lagMetric: OUTBOX_LAG_METRIC,
    metrics: new PowertoolsMetrics({ namespace: config.METRICS_NAMESPACE, serviceName: "payment-service" }),
  };
}

/** The relay's handler for EventBridge Scheduler's runs (their event carries nothing it reads). */
export async function outboxRelayHandler(env: Record<string, string | undefined>) {
  const config = loadOutboxRelayConfig(env);
  const deps = await buildOutboxRelay(config);
  return (_event: unknown, context: Context) =>
    relayForAWhile(deps, {
      runMs: config.RELAY_RUN_MS,
      pollMs: config.RELAY_POLL_MS,
      remainingMs: () => context.getRemainingTimeInMillis(),
    });
}
