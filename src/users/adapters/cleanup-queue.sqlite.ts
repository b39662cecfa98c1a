import type { DatabaseSync } from "node:sqlite";
import { UnavailableError } from "../../platform/errors/app.errors.ts";
import { CleanupMessageSchema } from "../messages/cleanup.message.ts";
import type { CleanupMessage, CleanupQueue } from "../ports/cleanup-queue.port.ts";

/** A message as the embedded queue holds it: its position (FIFO) and when it was sent. */
export interface QueuedCleanupMessage {
  readonly seq: number;
  readonly sent_at: string;
  readonly message: CleanupMessage;
}

/**
 * The embedded cleanup queue: a table `cleanup_queue` in the same SQLite file as the table store, so a
 * message survives a restart of the local process. FIFO by `seq`. Issue 5's worker will receive and
 * delete (with visibility timeouts); until then tests and people read it with `messages()`.
 */
export class SqliteCleanupQueue implements CleanupQueue {
  readonly #db: DatabaseSync;
  readonly #now: () => Date;
  #failures = 0;

  constructor(db: DatabaseSync, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
    db.exec(
      "CREATE TABLE IF NOT EXISTS cleanup_queue (seq INTEGER PRIMARY KEY AUTOINCREMENT, sent_at TEXT NOT NULL, body TEXT NOT NULL)",
    );
  }

  async send(message: CleanupMessage): Promise<void> {
    if (this.#failures > 0) {
      this.#failures--;
      throw new UnavailableError("the cleanup queue is unavailable");
    }
    const body = JSON.stringify(CleanupMessageSchema.parse(message));
    this.#db
      .prepare("INSERT INTO cleanup_queue (sent_at, body) VALUES (?, ?)")
      .run(this.#now().toISOString(), body);
  }

  /** Every message still queued, oldest first. */
  messages(): QueuedCleanupMessage[] {
    const rows = this.#db.prepare("SELECT seq, sent_at, body FROM cleanup_queue ORDER BY seq").all();
    return rows.map((row) => ({
      seq: Number(row.seq),
      sent_at: String(row.sent_at),
      message: CleanupMessageSchema.parse(JSON.parse(String(row.body))),
    }));
  }

  /** Steering for tests and local trials: the next `count` sends fail with 503 and queue nothing. */
  failNextSends(count: number): void {
    this.#failures = count;
  }
}
