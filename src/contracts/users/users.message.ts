import * as z from "zod";
import { envelopeOf } from "../../platform/events/message-envelope.ts";

const userId = z.string().min(1).meta({ description: "The partition key of the record." });
const eventType = z.string().min(1).meta({
  description:
    "The event_type of the table record, e.g. USER_CREATED, USER_UPDATED, MEMBERSHIP_UPGRADE, CANCEL.",
});

/**
 * The full objects at the time of the write (seed 004). Loose on purpose: the message names the
 * fields consumers rely on and passes every other attribute of the record through, so a new attribute
 * of the record is not a breaking change of the stream.
 */
const UserObject = z.looseObject({
  user_id: z.string().min(1),
  user_status: z.string().min(1),
  user_date_updated: z.iso.datetime(),
});
const MembershipObject = z.looseObject({
  membership_user_id: z.string().min(1),
  membership_status: z.string().meta({ description: "Empty is good standing (seed 003)." }),
  membership_event_type: z.string().min(1),
  membership_start_date: z.iso.datetime(),
});

export const USER_EVENT_EXAMPLE = {
  event_id: "local-user-service-users/000000000000000001234",
  event_type: "USER_UPDATED",
  version: "1.0.0",
  occurred_at: "2025-03-01T12:00:00.000Z",
  user_id: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  db_type: "USER",
  payload: {
    user_id: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
    user_status: "ACTIVE",
    user_email: "ada@example.com",
    user_date_joined: "2025-01-10T09:00:00.000Z",
    user_date_updated: "2025-03-01T12:00:00.000Z",
    tags: {},
  },
} as const;

export const MEMBERSHIP_EVENT_EXAMPLE = {
  event_id: "local-user-service-users/000000000000000001240",
  event_type: "SUB_RESUMED",
  version: "1.0.0",
  occurred_at: "2025-06-01T00:00:08.000Z",
  user_id: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  db_type: "MEMBERSHIP",
  payload: {
    membership_user_id: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
    membership_tier: "PLUS",
    membership_tier_version: "1",
    membership_term: "MONTHLY",
    membership_status: "",
    membership_event_source: "subscriptions-worker",
    membership_event_type: "SUB_RESUMED",
    membership_is_pending_downgrade: false,
    membership_start_date: "2025-06-01T00:00:08.000Z",
  },
} as const;

export const UserChangedSchema = envelopeOf(eventType, "1.0.0", UserObject)
  .extend({ user_id: userId, db_type: z.literal("USER") })
  .meta({ title: "UserChanged 1.0.0", examples: [USER_EVENT_EXAMPLE] });

export const MembershipChangedSchema = envelopeOf(eventType, "1.0.0", MembershipObject)
  .extend({ user_id: userId, db_type: z.literal("MEMBERSHIP") })
  .meta({ title: "MembershipChanged 1.0.0", examples: [MEMBERSHIP_EVENT_EXAMPLE] });

/**
 * A record of `{stage}-user-service-users`, written by the kinesis feeder with partition key
 * `user_id`: the envelope plus `user_id` and the record's `db_type`, which chooses the payload.
 */
export const UsersStreamRecordSchema = z.discriminatedUnion("db_type", [
  UserChangedSchema,
  MembershipChangedSchema,
]);
export type UsersStreamRecord = z.infer<typeof UsersStreamRecordSchema>;
