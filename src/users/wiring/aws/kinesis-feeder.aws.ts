import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { DynamoDBStreamHandler } from "aws-lambda";
import { KinesisStreamProducer } from "../../../platform/adapters/aws/kinesis.producer.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import type { KinesisFeederDeps } from "../../workers/kinesis-feeder.worker.ts";
import { feedUserChanges } from "../../workers/kinesis-feeder.worker.ts";
import type { KinesisFeederConfig } from "../config/kinesis-feeder.config.ts";
import { loadKinesisFeederConfig } from "../config/kinesis-feeder.config.ts";

/** The kinesis feeder's composition root (seed 004), run once at cold start: the Kinesis client only. */
export function buildKinesisFeeder(config: KinesisFeederConfig): KinesisFeederDeps {
  return {
    logger: createLogger("user-service-kinesis-feeder", config.LOG_LEVEL),
    stream: config.USR_KINESIS_STREAM_USERS,
    // HTTP/1.1: PutRecords needs no HTTP/2 (only SubscribeToShard does), and kinesalite speaks only 1.1.
    producer: new KinesisStreamProducer({
      client: new KinesisClient({ region: config.AWS_REGION, requestHandler: new NodeHttpHandler() }),
    }),
  };
}

/** The kinesis feeder's Lambda handler, composed once at cold start from `env`. */
export function kinesisFeederHandler(env: Record<string, string | undefined>): DynamoDBStreamHandler {
  const deps = buildKinesisFeeder(loadKinesisFeederConfig(env));
  return async (event) => {
    await feedUserChanges(deps, event.Records);
  };
}
