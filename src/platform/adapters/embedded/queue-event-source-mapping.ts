import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { Logger } from "../../logging/logger.ts";
import type { Metrics } from "../../metrics/metrics.port.ts";
import { DEAD_LETTER_METRIC } from "./dead-letters.ts";
import type { ReceivedMessage, SqliteQueues } from "./sqlite-queues.ts";

/** A queue handler as Lambda calls it; a throw fails the whole batch. */
export type QueueBatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse | undefined> | Promise<void>;

export interface QueueEventSourceMappingOptions {
  readonly queues: SqliteQueues;
  readonly queue: string;
  readonly handler: QueueBatchHandler;
  readonly logger: Logger;
  /** Lambda's default for SQS is 10. */
  readonly batchSize?: number;
  /** How long a delivered message stays hidden; a failed one reappears after it (SQS default 30 s). */
  readonly visibilityTimeoutMs?: number;
  /** Honour `batchItemFailures`; else a batch that did not throw succeeded as a whole. */
  readonly reportBatchItemFailures?: boolean;
  /** Pause of an idle loop when no send in this process woke it. */
  readonly idleMs?: number;
  /** The mapping's name, the dimension of `roster.deadletter.records` (default: the queue's name). */
  readonly name?: string;
  /** Where a message moved to the dead-letter queue is counted; none by default. */
  readonly metrics?: Metrics;
}

export interface QueueBatchOutcome {
  readonly received: number;
  /** Handled and deleted. */
  readonly deleted: number;
  /** Left to reappear after the visibility timeout (or to move to the queue's dead-letter queue). */
  readonly failed: number;
}

const REGION = "local";

/**
 * Lambda's event source mapping for an SQS queue, on the embedded queues: receive a batch, invoke,
 * delete what succeeded. Failed messages are not touched: they reappear after the visibility timeout,
 * and the queue's redrive policy moves one that keeps failing to its dead-letter queue, as on AWS.
 * On a FIFO queue, as Lambda does, a failed message stops its group: it and every later message of its
 * group in the batch stay on the queue, whatever the handler answered for them, so the group's order holds.
 */
export class QueueEventSourceMapping {
  readonly #o: Required<QueueEventSourceMappingOptions>;
  #running: Promise<void> | undefined;
  #unsubscribe: (() => void) | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;

  constructor(options: QueueEventSourceMappingOptions) {
    this.#o = {
      batchSize: 10,
      visibilityTimeoutMs: 30_000,
      reportBatchItemFailures: false,
      idleMs: 250,
      name: options.queue,
      metrics: { count: () => {}, duration: () => {} },
      ...options,
    };
  }

  get name(): string {
    return this.#o.name;
  }

  start(): void {
    if (this.#running) return;
    this.#stopping = false;
    const { queues, queue, name, metrics } = this.#o;
    const woken = queues.onSend((sent) => {
      if (sent === queue) this.#wake?.();
    });
    const counted = queues.onDeadLettered((from, _to, count) => {
      if (from === queue) metrics.count(DEAD_LETTER_METRIC, count, { mapping: name, source: queue });
    });
    this.#unsubscribe = () => {
      woken();
      counted();
    };
    this.#running = this.#loop();
  }

  /** Lets the batch in flight finish (and delete), then stops polling. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#unsubscribe?.();
    this.#running = undefined;
  }

  /** Receives one batch and delivers it. Not to be called while started. */
  async deliverBatch(): Promise<QueueBatchOutcome> {
    const messages = this.#receive();
    if (messages.length === 0) return { received: 0, deleted: 0, failed: 0 };
    const records = messages.map((message) => toRecord(this.#o.queue, message));
    const failed = withLaterOfFailedGroups(messages, await this.#failedIds(records));
    let deleted = 0;
    for (const message of messages) {
      if (!failed.has(message.messageId) && this.#o.queues.delete(this.#o.queue, message.receiptHandle))
        deleted++;
    }
    if (failed.size > 0)
      this.#o.logger.warn("queue batch failed in part", {
        queue: this.#o.queue,
        received: messages.length,
        failed: failed.size,
      });
    return { received: messages.length, deleted, failed: failed.size };
  }

  /** Delivers until no message is visible; failed messages stay hidden meanwhile, so this ends. */
  async drain(): Promise<QueueBatchOutcome> {
    const total = { received: 0, deleted: 0, failed: 0 };
    for (;;) {
      const outcome = await this.deliverBatch();
      if (outcome.received === 0) return total;
      total.received += outcome.received;
      total.deleted += outcome.deleted;
      total.failed += outcome.failed;
    }
  }

  #receive(): ReceivedMessage[] {
    const { queues, queue, batchSize, visibilityTimeoutMs } = this.#o;
    const messages: ReceivedMessage[] = [];
    while (messages.length < batchSize) {
      const wanted = Math.min(10, batchSize - messages.length);
      const received = queues.receive(queue, wanted, visibilityTimeoutMs);
      messages.push(...received);
      if (received.length < wanted) break;
    }
    return messages;
  }

  /** The ids of failed messages: all on a throw or on a failure naming no message of the batch. */
  async #failedIds(records: SQSRecord[]): Promise<Set<string>> {
    const all = new Set(records.map((record) => record.messageId));
    try {
      const response = (await this.#o.handler({ Records: records })) ?? undefined;
      if (!this.#o.reportBatchItemFailures) return new Set();
      const ids = (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
      return ids.every((id) => all.has(id)) ? new Set(ids) : all;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#o.logger.warn("queue batch handler threw", {
        queue: this.#o.queue,
        received: records.length,
        reason,
      });
      return all;
    }
  }

  async #loop(): Promise<void> {
    const { queue, idleMs, logger } = this.#o;
    while (!this.#stopping) {
      let pause = idleMs;
      try {
        if ((await this.deliverBatch()).received > 0) pause = 0;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logger.error("queue event source mapping step failed", { queue, reason });
      }
      if (pause > 0) await this.#sleep(pause);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stopping) return resolve();
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve();
      }, ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }
}

/**
 * `failed` and, for messages of a FIFO queue, every message after a failed one in its group (Lambda
 * stops a group at its first failure: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
 */
export function withLaterOfFailedGroups(
  messages: readonly ReceivedMessage[],
  failed: ReadonlySet<string>,
): Set<string> {
  const stopped = new Set<string>();
  const all = new Set(failed);
  for (const { messageId, groupId } of messages) {
    if (groupId === undefined) continue;
    if (stopped.has(groupId)) all.add(messageId);
    else if (failed.has(messageId)) stopped.add(groupId);
  }
  return all;
}

/** The record Lambda hands a function for an SQS message (a FIFO queue's names its group). */
export function toRecord(queue: string, message: ReceivedMessage): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt.getTime()),
      SenderId: "000000000000",
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt.getTime()),
      ...(message.groupId === undefined ? {} : { MessageGroupId: message.groupId }),
      ...(message.deduplicationId === undefined ? {} : { MessageDeduplicationId: message.deduplicationId }),
    },
    messageAttributes: {},
    md5OfBody: message.md5OfBody,
    eventSource: "aws:sqs",
    eventSourceARN: `arn:aws:sqs:${REGION}:000000000000:${queue}`,
    awsRegion: REGION,
  };
}
