import type { StreamContract } from "../../platform/events/channel.contract.ts";
import { UsersStreamRecordSchema } from "./users.message.ts";

/**
 * Kinesis `{stage}-user-service-users` (seed 004: the kinesis feeder's output), partition key `user_id`:
 * every new USER and MEMBERSHIP record, typed by its event type.
 */
export const usersStream: StreamContract = {
  name: "users",
  physicalName: (stage) => `${stage}-user-service-users`,
  schema: UsersStreamRecordSchema,
  userPaths: [["user_id"], ["payload", "user_id"], ["payload", "membership_user_id"]],
};
