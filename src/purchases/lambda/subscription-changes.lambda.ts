/** DynamoDB stream of `{stage}-purchases-subscriptions`: snapshots, and a TTL deletion's links severed. */
import { subscriptionChangesHandler } from "../wiring/aws/opt-in-workers.aws.ts";

export const handler = await subscriptionChangesHandler(process.env);
