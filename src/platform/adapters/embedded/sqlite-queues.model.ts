import { createHash } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";

/** SQS's redrive policy: after `maxReceiveCount` receives a message goes to `deadLetterQueue`. */
export interface RedrivePolicy {
  readonly deadLetterQueue: string;
  readonly maxReceiveCount: number;
}

export interface QueueDefinition {
  readonly name: string;
  readonly redrivePolicy?: RedrivePolicy;
  /** An SQS FIFO queue: its name ends in `.fifo`, every message has a group id (see `SqliteQueues`). */
  readonly fifo?: boolean;
  /** FIFO only: a message sent without a deduplication id is deduplicated by its body's SHA-256. */
  readonly contentBasedDeduplication?: boolean;
}

/** One message to send: a FIFO queue requires `groupId` (and `deduplicationId` unless content-based). */
export interface QueueEntry {
  readonly body: string;
  /** SQS's MessageGroupId: FIFO queues only. */
  readonly groupId?: string;
  /** SQS's MessageDeduplicationId: FIFO queues only. */
  readonly deduplicationId?: string;
}

/** What a send answers: for a deduplicated FIFO entry, the id of the message first sent with its id. */
export interface SentMessage {
  readonly messageId: string;
  readonly md5OfBody: string;
}

/** A message as `receive` hands it out: the receipt handle is what deletes it. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly receiveCount: number;
  readonly sentAt: Date;
  readonly firstReceivedAt: Date;
  /** FIFO queues only: the message group, and the deduplication id it was taken with. */
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

/** A message as `list` shows it to people and tests. */
export interface QueuedMessage {
  /** Its place in the table: later messages have higher ones. */
  readonly seq: number;
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentAt: Date;
  /** Received and not yet visible again. */
  readonly inFlight: boolean;
  readonly visibleAt: Date;
  /** FIFO queues only. */
  readonly groupId?: string;
}

export interface MessageRow {
  seq: number;
  queue: string;
  message_id: string;
  body: string;
  sent_at: number;
  visible_at: number;
  receive_count: number;
  first_received_at: number | null;
  receipt_handle: string | null;
  group_id: string | null;
  dedup_id: string | null;
}

/** The messages of every queue, one table (FIFO columns: `migrateFifo`). */
export function createMessageTable(db: DatabaseSync): void {
  db.exec(`CREATE TABLE IF NOT EXISTS queue_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL, sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL,
    receive_count INTEGER NOT NULL DEFAULT 0, first_received_at INTEGER, receipt_handle TEXT)`);
  db.exec("CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, visible_at, seq)");
}

// SQS quotas: 10 entries per batch, 256 KiB per message and per batch.
const MAX_BATCH = 10;
const MAX_BYTES = 262_144;

export function checkBatch(queue: string, entries: readonly { readonly body: string }[]): void {
  if (entries.length === 0 || entries.length > MAX_BATCH)
    throw new Error(`queue ${queue}: a batch holds 1 to ${MAX_BATCH} messages, not ${entries.length}`);
  for (const { body } of entries) checkBody(queue, body);
  const total = entries.reduce((bytes, { body }) => bytes + Buffer.byteLength(body, "utf8"), 0);
  if (total > MAX_BYTES) throw new Error(`queue ${queue}: a batch may hold ${MAX_BYTES} bytes, not ${total}`);
}

export function checkBody(queue: string, body: string): void {
  const bytes = Buffer.byteLength(body, "utf8");
  if (bytes === 0 || bytes > MAX_BYTES)
    throw new Error(`queue ${queue}: a message body has 1 to ${MAX_BYTES} bytes, not ${bytes}`);
}

export function md5(body: string): string {
  return createHash("md5").update(body, "utf8").digest("hex");
}

/** The row as it is after being received now (the update ran on the same row). */
export function toReceived(row: MessageRow, receiptHandle: string, now: number): ReceivedMessage {
  return {
    messageId: row.message_id,
    receiptHandle,
    body: row.body,
    md5OfBody: md5(row.body),
    receiveCount: row.receive_count + 1,
    sentAt: new Date(row.sent_at),
    firstReceivedAt: new Date(row.first_received_at ?? now),
    ...(row.group_id === null ? {} : { groupId: row.group_id }),
    ...(row.dedup_id === null ? {} : { deduplicationId: row.dedup_id }),
  };
}

export function toQueued(row: MessageRow, now: number): QueuedMessage {
  return {
    seq: row.seq,
    messageId: row.message_id,
    body: row.body,
    receiveCount: row.receive_count,
    sentAt: new Date(row.sent_at),
    inFlight: row.visible_at > now,
    visibleAt: new Date(row.visible_at),
    ...(row.group_id === null ? {} : { groupId: row.group_id }),
  };
}
