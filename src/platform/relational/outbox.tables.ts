import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date, Date>;

/** One row per user whose records an outbox holds: locked by every append of that user's records. */
export interface OutboxUsersTable {
  user_id: string;
  last_appended_at: Timestamp;
}

/** A committed record waiting for the relay (`relayed_at` null) or relayed. */
export interface OutboxTable {
  /** `bigint generated always as identity`: pg answers it as a string. */
  position: ColumnType<string, never, never>;
  user_id: string;
  record_id: string;
  event_type: string;
  /** Written as JSON text (pg would turn a top-level array into a PostgreSQL array); read parsed. */
  payload: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  relayed_at: Timestamp | null;
}

/** The two tables of a service database's transactional outbox (`createOutboxTables`). */
export interface OutboxTables {
  outbox_users: OutboxUsersTable;
  outbox: OutboxTable;
}
