import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { OutboxRecord } from "../outbox/outbox-record.ts";
import type { OutboxTables } from "./outbox.tables.ts";

/**
 * Appends records inside the caller's transaction, in one statement (one round trip). See
 * `outboxAppendCtes` for how positions stay in commit order.
 */
export async function appendOutbox<DB extends OutboxTables>(
  into: Transaction<DB> | Kysely<DB>,
  records: readonly OutboxRecord[],
  now: Date,
): Promise<void> {
  if (records.length === 0) return;
  await sql`with ${outboxAppendCtes(records, now)} select`.execute(into as unknown as Kysely<OutboxTables>);
}

/**
 * The append as two CTEs (`outbox_locked`, `outbox_appended`) for a statement of the caller's, so a
 * change and its records commit in one round trip. Each user's row of `outbox_users` is locked first
 * (in user order, so two transactions never wait on each other crosswise), and a record takes its
 * position only once its user's row is locked (the records are joined to the rows the upsert
 * returns): one user's records then get their positions in commit order (`createOutboxTables`). A
 * record id stored before is the same record: not stored twice. With `onlyIf`, the name of a CTE
 * before these, nothing is appended unless it returned a row (the change was made). `records` must
 * not be empty.
 */
export function outboxAppendCtes(
  records: readonly OutboxRecord[],
  now: Date,
  onlyIf?: string,
): RawBuilder<unknown> {
  const users = [...new Set(records.map((record) => record.userId))].sort();
  const guard = onlyIf === undefined ? sql`` : sql`where exists (select from ${sql.table(onlyIf)})`;
  return sql`outbox_locked as (
      insert into outbox_users (user_id, last_appended_at)
      select user_id, ${now}::timestamptz from unnest(${users}::text[]) with ordinality as u (user_id, n)
      ${guard}
      order by n
      on conflict (user_id) do update set last_appended_at = excluded.last_appended_at
      returning user_id
    ), outbox_appended as (
      insert into outbox (user_id, record_id, event_type, payload, created_at)
      select r.user_id, r.record_id, r.event_type, r.payload, ${now}::timestamptz
      from unnest(
        ${records.map((record) => record.userId)}::text[],
        ${records.map((record) => record.recordId)}::text[],
        ${records.map((record) => record.eventType)}::text[],
        ${records.map((record) => JSON.stringify(record.payload))}::jsonb[]
      ) with ordinality as r (user_id, record_id, event_type, payload, n)
      join outbox_locked using (user_id)
      order by r.n
      on conflict (record_id) do nothing
    )`;
}
