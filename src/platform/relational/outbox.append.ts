import type { Kysely, Transaction } from "kysely";
import type { OutboxRecord } from "../outbox/outbox-record.ts";
import type { OutboxTables } from "./outbox.tables.ts";

/**
 * Appends records inside the caller's transaction. Each user's row of `outbox_users` is locked first
 * (in user order, so two transactions never wait on each other crosswise): one user's records then get
 * their positions in commit order (`createOutboxTables`). A record id stored before is the same record:
 * not stored twice.
 */
export async function appendOutbox<DB extends OutboxTables>(
  into: Transaction<DB> | Kysely<DB>,
  records: readonly OutboxRecord[],
  now: Date,
): Promise<void> {
  if (records.length === 0) return;
  const tx = into as unknown as Kysely<OutboxTables>;
  const users = [...new Set(records.map((record) => record.userId))].sort();
  for (const userId of users) {
    await tx
      .insertInto("outbox_users")
      .values({ user_id: userId, last_appended_at: now })
      .onConflict((conflict) => conflict.column("user_id").doUpdateSet({ last_appended_at: now }))
      .execute();
  }
  await tx
    .insertInto("outbox")
    .values(
      records.map((record) => ({
        user_id: record.userId,
        record_id: record.recordId,
        event_type: record.eventType,
        payload: JSON.stringify(record.payload),
        created_at: now,
      })),
    )
    .onConflict((conflict) => conflict.column("record_id").doNothing())
    .execute();
}
