/**
 * What the Purchases Service does with each store notification, from the tables the adapters decide
 * with (`appleNotificationTable`, `playNotificationTable`): a new library version with a new type
 * fails a unit test until the table says what it means.
 */
import { appleNotificationTable } from "../../src/purchases/adapters/apple/apple-notification-types.ts";
import { playNotificationTable } from "../../src/purchases/adapters/google/play-notification-types.ts";
import { code, table } from "./markdown.ts";

const OUTCOME = { fetch: "fetch the state", record: "record only" } as const;

export function appleNotificationsTable(): string {
  return table(
    ["notificationType", "subtype", "Roster", "meaning"],
    appleNotificationTable().map((row) => [
      code(row.type),
      row.subtype ? code(row.subtype) : "",
      OUTCOME[row.outcome],
      row.meaning,
    ]),
  );
}

export function googleNotificationsTable(): string {
  return table(
    ["notificationType", "name", "Roster", "meaning"],
    playNotificationTable().map((row) => [
      String(row.number),
      code(row.name),
      OUTCOME[row.outcome],
      row.meaning,
    ]),
  );
}
