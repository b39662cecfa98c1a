import type { DatabaseSync, StatementSync } from "node:sqlite";

/**
 * How far each consumer of the embedded change feed has got: the sequence number of the last record
 * it handled, kept in the store's own SQLite file so it survives the process. A checkpoint only moves
 * after the consumer succeeded, so a crash means redelivery (at least once), never a lost record.
 */
export class ConsumerCheckpoints {
  readonly #get: StatementSync;
  readonly #set: StatementSync;

  constructor(db: DatabaseSync) {
    db.exec(`CREATE TABLE IF NOT EXISTS consumer_checkpoints (
      consumer TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID`);
    this.#get = db.prepare("SELECT seq FROM consumer_checkpoints WHERE consumer = ?");
    this.#set = db.prepare(
      "INSERT INTO consumer_checkpoints (consumer, seq) VALUES (?, ?) ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq",
    );
  }

  /** The last sequence number `consumer` finished; 0 before its first record. */
  get(consumer: string): number {
    const row = this.#get.get(consumer) as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  set(consumer: string, seq: number): void {
    this.#set.run(consumer, seq);
  }
}
