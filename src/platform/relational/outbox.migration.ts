import { type Kysely, sql } from "kysely";

/**
 * The transactional outbox's two tables (ADR-002 of the catalogue), for a service's first migration.
 * Frozen: released migrations call it, so its SQL never changes; a later change is a new function that
 * a new migration calls.
 */
export async function createOutboxTables(db: Kysely<unknown>): Promise<void> {
  // One row per user, locked by every transaction that appends the user's records: one user's records
  // then take their positions in commit order, so a relay never passes a record that commits later
  // with a smaller position (a sequence alone hands out positions before commit, not in commit order).
  await sql`create table outbox_users (
    user_id text primary key,
    last_appended_at timestamptz not null
  )`.execute(db);
  await sql`create table outbox (
    position bigint generated always as identity primary key,
    user_id text not null,
    record_id text not null unique,
    event_type text not null,
    payload jsonb not null,
    created_at timestamptz not null,
    relayed_at timestamptz
  )`.execute(db);
  await sql`create index outbox_pending_idx on outbox (position) where relayed_at is null`.execute(db);
}
