import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { type UsersStreamRecord, UsersStreamRecordSchema } from "../../../contracts/users/users.message.ts";
import { fromMembershipItem } from "./membership.mapper.ts";
import { fromUserItem } from "./user.mapper.ts";

/** A versioned record the feeder cannot turn into a `users` event (no event type, a broken object). */
export class UnpublishableChangeError extends Error {
  override readonly name: string = "UnpublishableChangeError";
}

export type FeedDecision =
  | { readonly publish: UsersStreamRecord }
  | { readonly skip: "no new image" | "not a user or membership" | "superseded version" };

/**
 * Seed 004's feeder rule for one change record of the users table: the `db_type` of the new image
 * chooses; USER and MEMBERSHIP become an event whose type is the record's `event_type` and whose payload
 * is the full object (keys and storage attributes dropped), anything else is skipped.
 *
 * A MODIFY that only marks a version `superseded_by` carries no new fact (src/users/README.md,
 * "Membership records"): it is skipped, or every change would announce the previous version again. The
 * event id is the change's position in the table's stream, the same on every redelivery, so consumers
 * dedupe on it.
 */
export function usersStreamRecordOf(change: DynamoDBRecord): FeedDecision {
  const newImage = change.dynamodb?.NewImage;
  if (!newImage) return { skip: "no new image" };
  const image = unmarshall(newImage as never) as Record<string, unknown>;
  if (image.db_type !== "USER" && image.db_type !== "MEMBERSHIP") return { skip: "not a user or membership" };
  if (image.superseded_by !== undefined) return { skip: "superseded version" };
  const eventId = `${tableOf(change.eventSourceARN)}/${change.dynamodb?.SequenceNumber ?? change.eventID}`;
  const common = { event_id: eventId, event_type: image.event_type, version: "1.0.0" };
  const candidate =
    image.db_type === "USER"
      ? userEvent(common, fromUserItem(image as never) as unknown as Record<string, unknown>)
      : membershipEvent(common, fromMembershipItem(image as never) as unknown as Record<string, unknown>);
  const parsed = UsersStreamRecordSchema.safeParse(candidate);
  if (!parsed.success) {
    const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))].join(", ");
    throw new UnpublishableChangeError(
      `${String(image.db_type)} record ${eventId} is not a valid event (${paths})`,
    );
  }
  return { publish: parsed.data };
}

function userEvent(common: Record<string, unknown>, user: Record<string, unknown>) {
  return {
    ...common,
    occurred_at: user.user_date_updated,
    user_id: user.user_id,
    db_type: "USER",
    payload: user,
  };
}

function membershipEvent(common: Record<string, unknown>, membership: Record<string, unknown>) {
  return {
    ...common,
    occurred_at: membership.membership_start_date,
    user_id: membership.membership_user_id,
    db_type: "MEMBERSHIP",
    payload: membership,
  };
}

/** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` -> `<name>`. */
function tableOf(arn: string | undefined): string {
  return /:table\/([^/]+)/.exec(arn ?? "")?.[1] ?? "users";
}
