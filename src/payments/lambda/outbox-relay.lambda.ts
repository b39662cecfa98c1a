/** The outbox relay: every minute (EventBridge Scheduler), the outbox's committed records to `{stage}-payments`. */
import { outboxRelayHandler } from "../wiring/aws/outbox-relay.aws.ts";

export const handler = await outboxRelayHandler(process.env);
