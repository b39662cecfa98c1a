import { randomUUID } from "node:crypto";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { inTransaction, limitClause } from "./sqlite.database.ts";
import {
  busyGroups,
  checkKind,
  checkSameKind,
  FifoDeduplication,
  migrateFifo,
  toStored,
} from "./sqlite-queues.fifo.ts";
import {
  checkBatch,
  createMessageTable,
  type MessageRow,
  md5,
  type QueueDefinition,
  type QueuedMessage,
  type QueueEntry,
  type ReceivedMessage,
  type SentMessage,
  toQueued,
  toReceived,
} from "./sqlite-queues.model.ts";

export type {
  QueueDefinition,
  QueuedMessage,
  QueueEntry,
  ReceivedMessage,
  RedrivePolicy,
  SentMessage,
} from "./sqlite-queues.model.ts";

export interface SqliteQueuesOptions {
  readonly queues: readonly QueueDefinition[];
  readonly now?: () => Date;
}

export type DeadLetteredListener = (queue: string, deadLetterQueue: string, count: number) => void;

/** SQS's limit on messages per ReceiveMessage call. */
const MAX_RECEIVE = 10;
/** Rows read at a time while receiving: a FIFO queue skips those of busy groups. */
const PAGE = 100;

/**
 * SQS-like standard queues in the store's SQLite file (table `queue_messages`), so messages survive
 * the process and another process on the file (a CLI) sees them. Receiving hides a message for the
 * visibility timeout and gives it a fresh receipt handle; only the latest handle deletes it. A queue
 * with a redrive policy moves a message that was received `maxReceiveCount` times to its dead-letter
 * queue instead of delivering it again. Order is oldest first (SQS standard queues only try to).
 *
 * A FIFO queue (`fifo: true`, name ending in `.fifo`) takes only `sendEntries` with a `groupId`, as SQS
 * does. Within a group, messages come out strictly in send order, and while one of the group is in
 * flight (received, not deleted, visibility not expired) no other message of that group is delivered;
 * other groups go on. One receive may hand out several messages of a group, in order, as SQS does; we
 * simply take the oldest visible messages of groups that had nothing in flight when the receive began,
 * so groups are interleaved by send time rather than packed together. A deduplication id (or, with
 * `contentBasedDeduplication`, the body's SHA-256) seen within five minutes of its first send (by the
 * injected clock) is accepted and not enqueued again: the answer names the first message's id. A FIFO
 * message moved to the dead-letter queue (itself FIFO) after `maxReceiveCount` unblocks its group.
 */
export class SqliteQueues {
  readonly #db: DatabaseSync;
  readonly #now: () => Date;
  readonly #queues: ReadonlyMap<string, QueueDefinition>;
  readonly #listeners = new Set<(queue: string) => void>();
  readonly #deadLetterListeners = new Set<DeadLetteredListener>();
  readonly #insert: StatementSync;
  readonly #visible: StatementSync;
  readonly #take: StatementSync;
  readonly #move: StatementSync;
  readonly #dedup: FifoDeduplication;

  constructor(db: DatabaseSync, options: SqliteQueuesOptions) {
    createMessageTable(db);
    migrateFifo(db);
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#queues = new Map(options.queues.map((queue) => [queue.name, queue]));
    for (const queue of options.queues) this.#checkPolicy(queue);
    this.#insert = db.prepare(`INSERT INTO queue_messages (queue, message_id, body, sent_at, visible_at,
      group_id, dedup_id) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.#visible = db.prepare(
      `SELECT * FROM queue_messages WHERE queue = ? AND visible_at <= ? AND seq > ? ORDER BY seq ${limitClause(PAGE)}`,
    );
    this.#take = db.prepare(`UPDATE queue_messages SET receive_count = receive_count + 1,
      first_received_at = coalesce(first_received_at, ?), visible_at = ?, receipt_handle = ? WHERE seq = ?`);
    this.#move = db.prepare(`UPDATE queue_messages SET queue = ?, receive_count = 0, first_received_at = NULL,
      receipt_handle = NULL, visible_at = ? WHERE seq = ?`);
    this.#dedup = new FifoDeduplication(db);
  }

  /** One message to a standard queue. */
  async send(queue: string, body: string): Promise<SentMessage> {
    const [sent] = await this.sendBatch(queue, [body]);
    return sent!;
  }

  /** Up to 10 messages to a standard queue in one transaction, as SendMessageBatch (all or none here). */
  async sendBatch(queue: string, bodies: readonly string[]): Promise<SentMessage[]> {
    const entries = bodies.map((body) => ({ body }));
    return this.sendEntries(queue, entries);
  }

  /**
   * Up to 10 entries in one transaction, in order: with a `groupId` (and a `deduplicationId` unless the
   * queue deduplicates by content) to a FIFO queue, without either to a standard queue. A duplicate
   * within the window answers the id of the message first sent with its deduplication id.
   */
  async sendEntries(queue: string, entries: readonly QueueEntry[]): Promise<SentMessage[]> {
    const definition = this.#definition(queue);
    checkBatch(queue, entries);
    const stored = toStored(definition, entries);
    const now = this.#now().getTime();
    const sent = inTransaction(this.#db, () => {
      if (definition.fifo) this.#dedup.forgetExpired(queue, now);
      return stored.map(({ body, groupId, dedupId }) => {
        const first = dedupId === null ? undefined : this.#dedup.duplicateOf(queue, dedupId, now);
        if (first !== undefined) return { messageId: first, md5OfBody: md5(body) };
        const messageId = randomUUID();
        this.#insert.run(queue, messageId, body, now, now, groupId, dedupId);
        if (dedupId !== null) this.#dedup.remember(queue, dedupId, messageId, now);
        return { messageId, md5OfBody: md5(body) };
      });
    });
    // A listener only wakes a poller; one that throws must not fail a send that has committed.
    for (const listener of this.#listeners) {
      try {
        listener(queue);
      } catch {}
    }
    return sent;
  }

  /** Up to `max` (1 to 10) visible messages, each hidden for `visibilityTimeoutMs` from now. */
  receive(queue: string, max = 1, visibilityTimeoutMs = 30_000): ReceivedMessage[] {
    const definition = this.#definition(queue);
    if (!Number.isInteger(max) || max < 1 || max > MAX_RECEIVE)
      throw new Error(`queue ${queue}: receive takes 1 to ${MAX_RECEIVE} messages, not ${max}`);
    const now = this.#now().getTime();
    let moved = 0;
    const answer = inTransaction(this.#db, () => {
      // Taken once, before any take: this receive may hand out several messages of a free group.
      const busy: ReadonlySet<string | null> = definition.fifo ? busyGroups(this.#db, queue, now) : new Set();
      const received: ReceivedMessage[] = [];
      let after = 0;
      while (received.length < max) {
        const rows = this.#visible.all(queue, now, after) as unknown as MessageRow[];
        if (rows.length === 0) break;
        for (const row of rows) {
          after = row.seq;
          if (received.length === max) break;
          if (busy.has(row.group_id)) continue;
          const policy = definition.redrivePolicy;
          if (policy && row.receive_count >= policy.maxReceiveCount) {
            this.#move.run(policy.deadLetterQueue, now, row.seq);
            moved += 1;
            continue;
          }
          const receiptHandle = randomUUID();
          this.#take.run(now, now + visibilityTimeoutMs, receiptHandle, row.seq);
          received.push(toReceived(row, receiptHandle, now));
        }
      }
      return received;
    });
    const deadLetters = definition.redrivePolicy?.deadLetterQueue;
    if (moved > 0 && deadLetters) this.#notify(this.#deadLetterListeners, queue, deadLetters, moved);
    return answer;
  }

  /** Deletes the message last received with `receiptHandle`; false when that handle is stale or unknown. */
  delete(queue: string, receiptHandle: string): boolean {
    this.#definition(queue);
    const statement = this.#db.prepare("DELETE FROM queue_messages WHERE queue = ? AND receipt_handle = ?");
    return Number(statement.run(queue, receiptHandle).changes) > 0;
  }

  /** Makes an in-flight message visible `timeoutMs` from now (0: at once); false when it is not in flight. */
  changeVisibility(queue: string, receiptHandle: string, timeoutMs: number): boolean {
    this.#definition(queue);
    const now = this.#now().getTime();
    const statement = this.#db.prepare(
      "UPDATE queue_messages SET visible_at = ? WHERE queue = ? AND receipt_handle = ? AND visible_at > ?",
    );
    return Number(statement.run(now + timeoutMs, queue, receiptHandle, now).changes) > 0;
  }

  /** Every message of `queue`, visible or in flight, oldest first: for people and tests. */
  list(queue: string): QueuedMessage[] {
    this.#definition(queue);
    const rows = this.#db.prepare("SELECT * FROM queue_messages WHERE queue = ? ORDER BY seq").all(queue);
    const now = this.#now().getTime();
    return (rows as unknown as MessageRow[]).map((row) => toQueued(row, now));
  }

  /** Moves every message of `deadLetterQueue` to `toQueue`, visible at once, receive count reset. */
  redrive(deadLetterQueue: string, toQueue: string): number {
    checkSameKind("its redrive target", this.#definition(deadLetterQueue), this.#definition(toQueue));
    const statement = this.#db.prepare(`UPDATE queue_messages SET queue = ?, receive_count = 0,
      first_received_at = NULL, receipt_handle = NULL, visible_at = ? WHERE queue = ?`);
    return Number(statement.run(toQueue, this.#now().getTime(), deadLetterQueue).changes);
  }

  /** Calls `listener` after each send in this process (pollers wake); returns the unsubscribe function. */
  onSend(listener: (queue: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called after a receive moved messages of `queue` to its dead-letter queue (after the commit). */
  onDeadLettered(listener: DeadLetteredListener): () => void {
    this.#deadLetterListeners.add(listener);
    return () => this.#deadLetterListeners.delete(listener);
  }

  #notify(listeners: Set<DeadLetteredListener>, ...args: Parameters<DeadLetteredListener>): void {
    // A listener counts or logs; one that throws must not fail a receive that has committed.
    for (const listener of listeners) {
      try {
        listener(...args);
      } catch {}
    }
  }

  #definition(queue: string): QueueDefinition {
    const definition = this.#queues.get(queue);
    if (!definition) {
      const known = [...this.#queues.keys()].join(", ") || "none";
      throw new Error(`queue ${queue} is not defined (defined: ${known})`);
    }
    return definition;
  }

  #checkPolicy(queue: QueueDefinition): void {
    checkKind(queue);
    const policy = queue.redrivePolicy;
    if (!policy) return;
    const deadLetters = this.#queues.get(policy.deadLetterQueue);
    if (!deadLetters)
      throw new Error(`queue ${queue.name}: its dead-letter queue ${policy.deadLetterQueue} is not defined`);
    checkSameKind("its dead-letter queue", queue, deadLetters);
    if (!Number.isInteger(policy.maxReceiveCount) || policy.maxReceiveCount < 1)
      throw new Error(`queue ${queue.name}: maxReceiveCount must be 1 or more`);
  }
}
