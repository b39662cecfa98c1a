import type { DatabaseSync, StatementSync } from "node:sqlite";

/**
 * How far each event source mapping has got in each shard: the position of the last record it
 * finished (handled or dead-lettered), in the store's SQLite file. Positions are the source's own
 * strings (a Kinesis sequence number, a change log seq), so any source's position fits. (Data folders
 * of earlier versions may still hold `consumer_checkpoints`, taken over once by the usermodel projector.)
 */
export class EventSourceCheckpoints {
  readonly #get: StatementSync;
  readonly #set: StatementSync;
  readonly #reset: StatementSync;

  constructor(db: DatabaseSync) {
    db.exec(`CREATE TABLE IF NOT EXISTS event_source_checkpoints (
      mapping TEXT NOT NULL, shard TEXT NOT NULL, position TEXT NOT NULL,
      PRIMARY KEY (mapping, shard)) WITHOUT ROWID`);
    this.#get = db.prepare("SELECT position FROM event_source_checkpoints WHERE mapping = ? AND shard = ?");
    this.#set = db.prepare(`INSERT INTO event_source_checkpoints (mapping, shard, position) VALUES (?, ?, ?)
      ON CONFLICT (mapping, shard) DO UPDATE SET position = excluded.position`);
    this.#reset = db.prepare("DELETE FROM event_source_checkpoints WHERE mapping = ?");
  }

  /** The last position `mapping` finished in `shard`; undefined before its first record. */
  get(mapping: string, shard: string): string | undefined {
    const row = this.#get.get(mapping, shard) as { position: string } | undefined;
    return row?.position;
  }

  set(mapping: string, shard: string, position: string): void {
    this.#set.run(mapping, shard, position);
  }

  /** Forgets every shard's position of `mapping`: it starts again from the oldest retained record. */
  reset(mapping: string): void {
    this.#reset.run(mapping);
  }
}
