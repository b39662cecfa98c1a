import type { TransactWrite } from "../../../platform/store/table-store.port.ts";
import { ConcurrentUpdateError } from "../../domain/user.errors.ts";
import type { User, UserEventType } from "../../domain/user.ts";
import { toUserItem, userPk, userSk } from "./user.mapper.ts";
import { usersTable } from "./users.tables.ts";

/** How many writes `versionWrites` puts first, for callers that find a reason by position. */
export const VERSION_WRITES = 2;

/**
 * A new current USER version: the previous one is marked superseded and loses its GSI keys, on
 * condition that nothing superseded it first (of two writers of one version exactly one wins), and the
 * new one is put. Only the current version carries GSI1/GSI2, so lookups never answer with an old one.
 */
export function versionWrites(previous: User, next: User, eventType: UserEventType): TransactWrite[] {
  const previousKey = { PK: userPk(previous.user_id), SK: userSk(previous.user_date_updated) };
  const nextSk = userSk(next.user_date_updated);
  if (previousKey.SK >= nextSk) throw new ConcurrentUpdateError(previous.user_id);
  return [
    {
      update: {
        table: usersTable,
        key: previousKey,
        changes: { remove: ["GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"], set: { superseded_by: nextSk } },
        condition: { and: [{ attributeExists: "PK" }, { attributeNotExists: "superseded_by" }] },
      },
    },
    {
      put: { table: usersTable, item: toUserItem(next, eventType), condition: { attributeNotExists: "PK" } },
    },
  ];
}
