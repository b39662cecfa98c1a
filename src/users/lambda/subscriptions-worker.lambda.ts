/** prod-user-service-subscriptions (seed 004): Kinesis `{stage}-subscriptions`; a failed record fails the batch. */
import { subscriptionsWorkerHandler } from "../wiring/aws/subscriptions-worker.aws.ts";

export const handler = subscriptionsWorkerHandler(process.env);
