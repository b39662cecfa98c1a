import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import * as z from "zod";
import { APP_PLATFORMS, USER_STATUSES } from "../../domain/user.ts";
import type { UserChange } from "../../domain/user-change.ts";
import { USER_SK_PREFIX, userPk } from "./user.mapper.ts";

/** A change record the projection cannot read: a retry will not help, so it shows as a batch item failure. */
export class MalformedChangeError extends Error {
  override readonly name: string = "MalformedChangeError";
}

const text = z.string().optional();
const timestamp = z.iso.datetime({ offset: true });

/** The USER attributes of seed 003 the projection reads; keys, GSI keys and the tags cache are dropped. */
const UserImageSchema = z.object({
  user_id: z.string().min(1),
  user_email: z.string(),
  user_first_name: text,
  user_last_name: text,
  user_address: text,
  user_city: text,
  user_state: text,
  user_zip_code: text,
  user_phone: text,
  user_status: z.enum(USER_STATUSES),
  user_install_id: text,
  user_firebase_instance_id: text,
  user_appsflyer_id: text,
  user_app_platform: z.enum(APP_PLATFORMS).optional(),
  user_date_joined: timestamp,
  user_date_updated: timestamp,
});

type StreamImage = NonNullable<NonNullable<DynamoDBRecord["dynamodb"]>["NewImage"]>;

/** Reads a users-table change record (DynamoDB Streams shape, NEW_AND_OLD_IMAGES) as a domain change. */
export function userChangeOf(record: DynamoDBRecord): UserChange {
  const stream = record.dynamodb;
  if (record.eventName === "REMOVE") {
    const keys = imageOf(stream?.Keys);
    const pk = typeof keys.PK === "string" ? keys.PK : "";
    const isVersion = typeof keys.SK === "string" && keys.SK.startsWith(USER_SK_PREFIX);
    return isVersion && pk.startsWith(userPk(""))
      ? { kind: "version-removed", userId: pk.slice(userPk("").length) }
      : { kind: "not-a-user" };
  }
  if (!stream?.NewImage) {
    throw new MalformedChangeError(
      `${record.eventName ?? "a"} record without NewImage: the stream must carry NEW_IMAGE or NEW_AND_OLD_IMAGES`,
    );
  }
  const item = imageOf(stream.NewImage);
  if (item.db_type !== "USER") return { kind: "not-a-user" };
  const parsed = UserImageSchema.safeParse(item);
  if (!parsed.success) {
    // Paths and rules only: the values are personal data and must not reach the logs.
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new MalformedChangeError(`USER image breaks the record's rules: ${issues.join("; ")}`);
  }
  return { kind: "version-written", user: parsed.data };
}

function imageOf(image: StreamImage | undefined): Record<string, unknown> {
  // aws-lambda's AttributeValue type and the SDK's describe the same wire format.
  return image ? unmarshall(image as never) : {};
}
