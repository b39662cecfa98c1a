/**
 * prod-user-service-kinesis-feeder (seed 004): DynamoDB Streams of `{stage}-user-service-users` (NEW_IMAGE
 * or NEW_AND_OLD_IMAGES) -> Kinesis `{stage}-user-service-users`. Reports no batch item failures.
 */
import type { DynamoDBStreamHandler } from "aws-lambda";
import { buildKinesisFeeder } from "../wiring/aws/kinesis-feeder.aws.ts";
import { loadKinesisFeederConfig } from "../wiring/config/kinesis-feeder.config.ts";
import { feedUserChanges } from "../workers/kinesis-feeder.worker.ts";

const deps = buildKinesisFeeder(loadKinesisFeederConfig(process.env));

export const handler: DynamoDBStreamHandler = async (event) => {
  await feedUserChanges(deps, event.Records);
};
