import type { DatabaseSync } from "node:sqlite";
import { SqliteQueues } from "../../../platform/adapters/embedded/sqlite-queues.ts";
import { UnavailableError } from "../../../platform/errors/app.errors.ts";
import { CleanupMessageSchema } from "../../messages/cleanup.message.ts";
import type { CleanupMessage, CleanupQueue } from "../../ports/cleanup-queue.port.ts";

/** The local name of seed 000's `{stage}-user-service-cleanup` queue. */
export const LOCAL_CLEANUP_QUEUE = "local-user-service-cleanup";

/** A message as the embedded queue holds it: its position (oldest first) and when it was sent. */
export interface QueuedCleanupMessage {
  readonly seq: number;
  readonly messageId: string;
  readonly sent_at: string;
  readonly receiveCount: number;
  readonly message: CleanupMessage;
}

export interface SqliteCleanupQueueOptions {
  /** The queue's name; `LOCAL_CLEANUP_QUEUE` unless given. */
  readonly queue?: string;
  /** Queues that define `queue` (with its redrive policy); else the adapter defines it alone. */
  readonly queues?: SqliteQueues;
}

/**
 * The embedded cleanup queue: one queue of the embedded SQS-like queues (`SqliteQueues`) in the same
 * SQLite file as the table store, so a message survives a restart and the cleanup worker's queue
 * mapping receives it with visibility timeouts. `messages()` shows what is queued, for tests and people.
 */
export class SqliteCleanupQueue implements CleanupQueue {
  readonly #queues: SqliteQueues;
  readonly #queue: string;
  #failures = 0;

  constructor(db: DatabaseSync, now: () => Date = () => new Date(), options: SqliteCleanupQueueOptions = {}) {
    this.#queue = options.queue ?? LOCAL_CLEANUP_QUEUE;
    this.#queues = options.queues ?? new SqliteQueues(db, { queues: [{ name: this.#queue }], now });
  }

  async send(message: CleanupMessage): Promise<void> {
    if (this.#failures > 0) {
      this.#failures--;
      throw new UnavailableError("the cleanup queue is unavailable");
    }
    await this.#queues.send(this.#queue, JSON.stringify(CleanupMessageSchema.parse(message)));
  }

  /** Every message still queued (visible or in flight), oldest first. */
  messages(): QueuedCleanupMessage[] {
    return this.#queues.list(this.#queue).map((queued) => ({
      seq: queued.seq,
      messageId: queued.messageId,
      sent_at: queued.sentAt.toISOString(),
      receiveCount: queued.receiveCount,
      message: CleanupMessageSchema.parse(JSON.parse(queued.body)),
    }));
  }

  /** Steering for tests and local trials: the next `count` sends fail with 503 and queue nothing. */
  failNextSends(count: number): void {
    this.#failures = count;
  }
}

/**
 * Data folders written before the local queue had visibility timeouts hold pending messages in a table
 * `cleanup_queue`: they are moved to `queue` once, oldest first, and the table is dropped. A crash
 * between the two sends them again on the next start, which the cleanup worker makes harmless.
 */
export async function moveLegacyCleanupMessages(
  db: DatabaseSync,
  queues: SqliteQueues,
  queue: string,
): Promise<number> {
  const legacy = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'cleanup_queue'")
    .get();
  if (!legacy) return 0;
  const rows = db.prepare("SELECT body FROM cleanup_queue ORDER BY seq").all() as { body: string }[];
  for (const { body } of rows) await queues.send(queue, body);
  db.exec("DROP TABLE cleanup_queue");
  return rows.length;
}
