import { createHash } from "node:crypto";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { FIFO_SUFFIX } from "../../events/channel.contract.ts";
import type { QueueDefinition, QueueEntry } from "./sqlite-queues.model.ts";

/**
 * SQS remembers a deduplication id for five minutes after the message that first carried it
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html).
 */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

/** MessageGroupId and MessageDeduplicationId: 1 to 128 alphanumerics and punctuation (no spaces). */
const FIFO_ID = /^[\x21-\x7e]{1,128}$/;

/** An entry as it is stored: the group and the deduplication id it is taken with (null on a standard queue). */
export interface StoredEntry {
  readonly body: string;
  readonly groupId: string | null;
  readonly dedupId: string | null;
}

/** The FIFO columns on a table made before them (the file outlives the process), and the id window. */
export function migrateFifo(db: DatabaseSync): void {
  const columns = db.prepare("PRAGMA table_info(queue_messages)").all() as unknown as { name: string }[];
  const names = new Set(columns.map((column) => column.name));
  if (!names.has("group_id")) db.exec("ALTER TABLE queue_messages ADD COLUMN group_id TEXT");
  if (!names.has("dedup_id")) db.exec("ALTER TABLE queue_messages ADD COLUMN dedup_id TEXT");
  db.exec(`CREATE TABLE IF NOT EXISTS queue_deduplication (queue TEXT NOT NULL, dedup_id TEXT NOT NULL,
    message_id TEXT NOT NULL, sent_at INTEGER NOT NULL, PRIMARY KEY (queue, dedup_id))`);
}

/** SQS's naming rule for both kinds, and content-based deduplication on FIFO queues only. */
export function checkKind(queue: QueueDefinition): void {
  const suffixed = queue.name.endsWith(FIFO_SUFFIX);
  if (queue.fifo && !suffixed)
    throw new Error(`queue ${queue.name}: a FIFO queue's name must end in ${FIFO_SUFFIX}`);
  if (!queue.fifo && suffixed)
    throw new Error(`queue ${queue.name}: only a FIFO queue's name ends in ${FIFO_SUFFIX} (set fifo: true)`);
  if (queue.contentBasedDeduplication && !queue.fifo)
    throw new Error(`queue ${queue.name}: contentBasedDeduplication is for FIFO queues only`);
}

/** SQS: the dead-letter queue of a FIFO queue is a FIFO queue, and that of a standard queue standard. */
export function checkSameKind(what: string, from: QueueDefinition, to: QueueDefinition): void {
  if (Boolean(from.fifo) !== Boolean(to.fifo))
    throw new Error(
      `queue ${from.name}: ${what} ${to.name} must be a ${from.fifo ? "FIFO" : "standard"} queue like it`,
    );
}

/** Refuses what SQS refuses: a FIFO message without a group, a standard message with FIFO ids. */
export function toStored(queue: QueueDefinition, entries: readonly QueueEntry[]): StoredEntry[] {
  return entries.map((entry, i) => {
    const at = `queue ${queue.name}: entry ${i}`;
    if (!queue.fifo) {
      if (entry.groupId !== undefined || entry.deduplicationId !== undefined)
        throw new Error(`${at}: groupId and deduplicationId are for FIFO queues; ${queue.name} is standard`);
      return { body: entry.body, groupId: null, dedupId: null };
    }
    if (entry.groupId === undefined)
      throw new Error(
        `${at}: a FIFO queue takes only messages with a groupId (MessageGroupId), sent with sendEntries`,
      );
    if (!FIFO_ID.test(entry.groupId))
      throw new Error(`${at}: groupId must be 1 to 128 alphanumerics or punctuation`);
    if (entry.deduplicationId !== undefined && !FIFO_ID.test(entry.deduplicationId))
      throw new Error(`${at}: deduplicationId must be 1 to 128 alphanumerics or punctuation`);
    if (entry.deduplicationId === undefined && !queue.contentBasedDeduplication)
      throw new Error(`${at}: a deduplicationId is required (the queue has no content-based deduplication)`);
    return { body: entry.body, groupId: entry.groupId, dedupId: entry.deduplicationId ?? sha256(entry.body) };
  });
}

function sha256(body: string): string {
  return createHash("sha256").update(body, "utf8").digest("hex");
}

/** The deduplication ids of the last five minutes, per queue; they outlive the messages they took. */
export class FifoDeduplication {
  readonly #find: StatementSync;
  readonly #remember: StatementSync;
  readonly #forget: StatementSync;

  constructor(db: DatabaseSync) {
    this.#find = db.prepare(
      "SELECT message_id FROM queue_deduplication WHERE queue = ? AND dedup_id = ? AND sent_at > ?",
    );
    this.#remember = db.prepare(`INSERT INTO queue_deduplication (queue, dedup_id, message_id, sent_at)
      VALUES (?, ?, ?, ?) ON CONFLICT (queue, dedup_id) DO UPDATE SET message_id = excluded.message_id,
      sent_at = excluded.sent_at`);
    this.#forget = db.prepare("DELETE FROM queue_deduplication WHERE queue = ? AND sent_at <= ?");
  }

  /** The id of the message first taken with `dedupId` within the window, if one was. */
  duplicateOf(queue: string, dedupId: string, now: number): string | undefined {
    const row = this.#find.get(queue, dedupId, now - DEDUPLICATION_WINDOW_MS) as
      | { message_id: string }
      | undefined;
    return row?.message_id;
  }

  remember(queue: string, dedupId: string, messageId: string, now: number): void {
    this.#remember.run(queue, dedupId, messageId, now);
  }

  /** Drops the ids whose window has closed, so the table holds five minutes of sends at most. */
  forgetExpired(queue: string, now: number): void {
    this.#forget.run(queue, now - DEDUPLICATION_WINDOW_MS);
  }
}

/**
 * The groups of `queue` with a message in flight (received, neither deleted nor visible again):
 * SQS delivers no message of such a group until that one is deleted or its visibility times out.
 */
export function busyGroups(db: DatabaseSync, queue: string, now: number): Set<string> {
  const rows = db
    .prepare("SELECT DISTINCT group_id FROM queue_messages WHERE queue = ? AND visible_at > ?")
    .all(queue, now) as unknown as { group_id: string | null }[];
  return new Set(rows.flatMap((row) => (row.group_id === null ? [] : [row.group_id])));
}
