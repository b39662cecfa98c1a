import { createHash } from "node:crypto";

/** SQS's redrive policy: after `maxReceiveCount` receives a message goes to `deadLetterQueue`. */
export interface RedrivePolicy {
  readonly deadLetterQueue: string;
  readonly maxReceiveCount: number;
}

export interface QueueDefinition {
  readonly name: string;
  readonly redrivePolicy?: RedrivePolicy;
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
}

// SQS quotas: 10 entries per batch, 256 KiB per message and per batch.
const MAX_BATCH = 10;
const MAX_BYTES = 262_144;

export function checkBatch(queue: string, bodies: readonly string[]): void {
  if (bodies.length === 0 || bodies.length > MAX_BATCH)
    throw new Error(`queue ${queue}: a batch holds 1 to ${MAX_BATCH} messages, not ${bodies.length}`);
  for (const body of bodies) checkBody(queue, body);
  const total = bodies.reduce((bytes, body) => bytes + Buffer.byteLength(body, "utf8"), 0);
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
  };
}
