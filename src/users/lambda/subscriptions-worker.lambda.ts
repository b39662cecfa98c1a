/** prod-user-service-subscriptions (seed 004): Kinesis `{stage}-subscriptions`; a failed record fails the batch. */
import type { KinesisStreamHandler } from "aws-lambda";
import { buildSubscriptionsWorker } from "../wiring/aws/subscriptions-worker.aws.ts";
import { loadSubscriptionsWorkerConfig } from "../wiring/config/subscriptions-worker.config.ts";
import { subscriptionsWorker } from "../workers/subscriptions.worker.ts";

const handle = subscriptionsWorker(buildSubscriptionsWorker(loadSubscriptionsWorkerConfig(process.env)));

export const handler: KinesisStreamHandler = (event, context) => handle(event.Records, context);
