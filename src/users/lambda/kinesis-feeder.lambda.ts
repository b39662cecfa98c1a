/**
 * prod-user-service-kinesis-feeder (seed 004): DynamoDB Streams of `{stage}-user-service-users` (NEW_IMAGE
 * or NEW_AND_OLD_IMAGES) -> Kinesis `{stage}-user-service-users`. Reports no batch item failures.
 */
import { kinesisFeederHandler } from "../wiring/aws/kinesis-feeder.aws.ts";

export const handler = kinesisFeederHandler(process.env);
