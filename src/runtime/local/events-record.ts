import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { PaymentRecordSchema } from "../../users/messages/payments.message.ts";
import { SubscriptionRecordSchema } from "../../users/messages/subscriptions.message.ts";
import { UsersStreamRecordSchema } from "../../users/messages/users.message.ts";
import type { StreamName } from "./local-channels.ts";

type Json = Record<string, unknown>;

interface Channel {
  readonly schema: z.ZodType;
  /** Where the record names its user: the partition key, and what `--user` fills in. */
  readonly userPaths: readonly (readonly string[])[];
}

const CHANNELS: Record<StreamName, Channel> = {
  payments: { schema: PaymentRecordSchema, userPaths: [["payload", "userId"]] },
  subscriptions: { schema: SubscriptionRecordSchema, userPaths: [["payload", "user_id"]] },
  users: {
    schema: UsersStreamRecordSchema,
    userPaths: [["user_id"], ["payload", "user_id"], ["payload", "membership_user_id"]],
  },
};

export interface PreparedRecord {
  readonly partitionKey: string;
  readonly data: string;
  readonly eventId: unknown;
}

/**
 * A record a person put with `npm run events -- put`: `--user` fills in every place the channel names
 * its user, and a fresh `event_id` is given unless `keepId` (the workers dedupe on it, so putting one
 * example for two users must not look like a redelivery). The result must parse with the channel's
 * schema unless `raw`: a malformed record is for trying the poison-record path on purpose.
 */
export function prepareRecord(
  stream: StreamName,
  record: Json,
  options: { readonly user?: string; readonly keepId?: boolean; readonly raw?: boolean },
): PreparedRecord {
  const channel = CHANNELS[stream];
  const next = structuredClone(record);
  if (!options.keepId && "event_id" in next) next.event_id = randomUUID();
  for (const path of channel.userPaths) {
    if (options.user !== undefined && has(next, path)) set(next, path, options.user);
  }
  if (!options.raw) {
    const parsed = channel.schema.safeParse(next);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
      throw new Error(`not a valid ${stream} record (${issues.join("; ")}); put it anyway with --raw`);
    }
  }
  const partitionKey = channel.userPaths.map((path) => get(next, path)).find((v) => typeof v === "string");
  return {
    partitionKey: (partitionKey as string | undefined) ?? "unknown",
    data: JSON.stringify(next),
    eventId: next.event_id,
  };
}

function get(json: Json, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (at, key) => (at && typeof at === "object" ? (at as Json)[key] : undefined),
    json,
  );
}

function has(json: Json, path: readonly string[]): boolean {
  const parent = get(json, path.slice(0, -1));
  return parent !== null && typeof parent === "object" && (path.at(-1) as string) in (parent as Json);
}

function set(json: Json, path: readonly string[], value: string): void {
  (get(json, path.slice(0, -1)) as Json)[path.at(-1) as string] = value;
}
