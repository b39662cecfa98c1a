/** The outbox relay: every minute, to `{stage}-subscriptions` and the service's bus. */
import { subscriptionsRelayHandler } from "../wiring/aws/outbox-relay.aws.ts";

export const handler = await subscriptionsRelayHandler(process.env);
