import { randomUUID } from "node:crypto";
import type { StreamContract } from "../../platform/events/channel.contract.ts";

type Json = Record<string, unknown>;

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
  channel: StreamContract,
  record: Json,
  options: { readonly user?: string; readonly keepId?: boolean; readonly raw?: boolean },
): PreparedRecord {
  const next = structuredClone(record);
  if (!options.keepId && "event_id" in next) next.event_id = randomUUID();
  for (const path of channel.userPaths) {
    if (options.user !== undefined && has(next, path)) set(next, path, options.user);
  }
  if (!options.raw) {
    const parsed = channel.schema.safeParse(next);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
      throw new Error(`not a valid ${channel.name} record (${issues.join("; ")}); put it anyway with --raw`);
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
