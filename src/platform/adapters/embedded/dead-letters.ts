import type { DatabaseSync, StatementSync } from "node:sqlite";
import { LimitedQuery } from "./sqlite.database.ts";

/**
 * Counted (the mapping and its source as dimensions) for every record or message the local event runtime
 * gives up on: a stream mapping's dead letters, a queue's dead-letter queue. On AWS the dead-letter and
 * on-failure queues' ApproximateNumberOfMessagesVisible is the same signal, and each has an alarm.
 */
export const DEAD_LETTER_METRIC = "roster.deadletter.records";

/** Why a record was given up, in the words of Lambda's on-failure destinations. */
export type DeadLetterReason = "RetryAttemptsExhausted" | "RecordAgeExceeded";

export interface DeadLetterInput {
  readonly mapping: string;
  /** The stream or table the record came from. */
  readonly source: string;
  readonly shard: string;
  /** The record's itemIdentifier (Kinesis sequenceNumber, DynamoDB Streams SequenceNumber). */
  readonly sequence: string;
  /** The record exactly as the handler received it. */
  readonly record: unknown;
  readonly reason: DeadLetterReason;
  /** The last failure's message, if the handler failed (none for an aged-out record). */
  readonly error?: string;
  /** Deliveries that failed. */
  readonly attempts: number;
}

export interface DeadLetter extends Omit<DeadLetterInput, "error"> {
  readonly id: number;
  readonly error: string | undefined;
  readonly failedAt: Date;
  /** A redrive was requested and has not been delivered yet. */
  readonly redriveRequested: boolean;
}

interface Row {
  id: number;
  mapping: string;
  source: string;
  shard: string;
  sequence: string;
  record: string;
  reason: DeadLetterReason;
  error: string | null;
  attempts: number;
  failed_at: string;
  redrive: number;
}

/**
 * The on-failure destination of the embedded stream mappings: table `dead_letters` in the store's
 * SQLite file. A redrive is a flag in the table, not a call, so a CLI in another process can ask for
 * it; the mapping that owns the entry delivers it on its next loop and settles it.
 */
export class DeadLetters {
  readonly #db: DatabaseSync;
  readonly #now: () => Date;
  readonly #insert: StatementSync;
  readonly #requested: LimitedQuery;
  readonly #delete: StatementSync;
  readonly #putBack: StatementSync;

  constructor(db: DatabaseSync, now: () => Date = () => new Date()) {
    db.exec(`CREATE TABLE IF NOT EXISTS dead_letters (
      id INTEGER PRIMARY KEY AUTOINCREMENT, mapping TEXT NOT NULL, source TEXT NOT NULL,
      shard TEXT NOT NULL, sequence TEXT NOT NULL, record TEXT NOT NULL, reason TEXT NOT NULL,
      error TEXT, attempts INTEGER NOT NULL, failed_at TEXT NOT NULL, redrive INTEGER NOT NULL DEFAULT 0)`);
    db.exec("CREATE INDEX IF NOT EXISTS dead_letters_mapping ON dead_letters (mapping, redrive, shard, id)");
    this.#db = db;
    this.#now = now;
    this.#insert = db.prepare(`INSERT INTO dead_letters
      (mapping, source, shard, sequence, record, reason, error, attempts, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#requested = new LimitedQuery(
      db,
      "SELECT * FROM dead_letters WHERE mapping = ? AND redrive = 1 AND shard = ? ORDER BY id",
    );
    this.#delete = db.prepare("DELETE FROM dead_letters WHERE id = ?");
    this.#putBack = db.prepare(
      "UPDATE dead_letters SET redrive = 0, attempts = attempts + 1, error = ?, failed_at = ? WHERE id = ?",
    );
  }

  /** Records the entries; the caller's transaction makes them atomic with its checkpoint. */
  add(entries: readonly DeadLetterInput[]): void {
    const failedAt = this.#now().toISOString();
    for (const entry of entries) {
      const { mapping, source, shard, sequence, reason, attempts } = entry;
      const record = JSON.stringify(entry.record);
      this.#insert.run(
        mapping,
        source,
        shard,
        sequence,
        record,
        reason,
        entry.error ?? null,
        attempts,
        failedAt,
      );
    }
  }

  /** Entries oldest first, of one mapping or all. Records hold personal data: show them to operators only. */
  list(mapping?: string): DeadLetter[] {
    const rows =
      mapping === undefined
        ? this.#db.prepare("SELECT * FROM dead_letters ORDER BY id").all()
        : this.#db.prepare("SELECT * FROM dead_letters WHERE mapping = ? ORDER BY id").all(mapping);
    return (rows as unknown as Row[]).map(toDeadLetter);
  }

  /** Marks entries (by id, or all of a mapping) for redelivery by their mapping; returns how many. */
  redrive(which: { readonly ids: readonly number[] } | { readonly mapping: string }): number {
    if ("mapping" in which)
      return Number(
        this.#db.prepare("UPDATE dead_letters SET redrive = 1 WHERE mapping = ?").run(which.mapping).changes,
      );
    const mark = this.#db.prepare("UPDATE dead_letters SET redrive = 1 WHERE id = ?");
    return which.ids.reduce((marked, id) => marked + Number(mark.run(id).changes), 0);
  }

  /** Entries of `mapping`'s shard waiting for a redrive, oldest first. */
  requested(mapping: string, shard: string, limit = 10): DeadLetter[] {
    return (this.#requested.all(limit, mapping, shard) as unknown as Row[]).map(toDeadLetter);
  }

  /** After a redelivery: gone when it succeeded, else back in the table (one more attempt, flag cleared). */
  settle(id: number, outcome: { readonly ok: true } | { readonly ok: false; readonly error: string }): void {
    if (outcome.ok) this.#delete.run(id);
    else this.#putBack.run(outcome.error, this.#now().toISOString(), id);
  }
}

function toDeadLetter(row: Row): DeadLetter {
  return {
    id: row.id,
    mapping: row.mapping,
    source: row.source,
    shard: row.shard,
    sequence: row.sequence,
    record: JSON.parse(row.record) as unknown,
    reason: row.reason,
    error: row.error ?? undefined,
    attempts: row.attempts,
    failedAt: new Date(row.failed_at),
    redriveRequested: row.redrive === 1,
  };
}
