import type { StreamContract } from "../../platform/events/channel.contract.ts";
import { SubscriptionRecordSchema } from "./subscriptions.message.ts";

/** Kinesis `{stage}-subscriptions` (seed 000: prod-subscriptions), partition key the subscription's user. */
export const subscriptionsStream: StreamContract = {
  name: "subscriptions",
  physicalName: (stage) => `${stage}-subscriptions`,
  schema: SubscriptionRecordSchema,
  userPaths: [["payload", "user_id"]],
};
