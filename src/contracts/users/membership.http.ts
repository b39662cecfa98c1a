import * as z from "zod";

/**
 * The User Service's membership routes that the Subscription Service calls as its billing does its
 * work (services are allowed on each; src/users/api defines them). Paths are relative to the User
 * Service's base URL, `{user_id}` percent-encoded.
 *
 * | call | request | answer |
 * |---|---|---|
 * | finalize a downgrade | `POST {user_id}/membership/downgrade/finalize` | 200 the membership record; 409 when none is pending |
 * | cancel (at the period's end) | `POST {user_id}/membership/cancel` ReasonBody | 200; 409 when the state refuses it |
 * | complete a cancellation | `POST {user_id}/membership/cancel/complete` | 200; 409 when none is pending |
 */
export const MEMBERSHIP_PATHS = {
  finalizeDowngrade: (userId: string) => `${encodeURIComponent(userId)}/membership/downgrade/finalize`,
  cancel: (userId: string) => `${encodeURIComponent(userId)}/membership/cancel`,
  completeCancellation: (userId: string) => `${encodeURIComponent(userId)}/membership/cancel/complete`,
} as const;

export const ReasonBody = z.strictObject({ reason: z.string().min(1).max(500) });
export type ReasonBody = z.infer<typeof ReasonBody>;

/** Any membership record: the caller only needs to know the call was taken. */
export const MembershipRecordAnswer = z.looseObject({});
