import type { DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import type { ChangeRecord } from "../../platform/adapters/embedded/change-log.ts";
import type { ConsumerCheckpoints } from "../../platform/adapters/embedded/consumer-checkpoints.ts";
import type { Logger } from "../../platform/logging/logger.ts";

/** A stream consumer as Lambda runs it: a batch of DynamoDB Streams records in, the failed ones out. */
export type ChangeBatchHandler = (records: DynamoDBRecord[]) => Promise<DynamoDBBatchResponse>;

export interface ChangeFeed {
  read(table: string, after: number, limit: number): ChangeRecord[];
}

export interface ChangeFeedPollerOptions {
  /** The checkpoint's name: one per consumer of the feed. */
  readonly consumer: string;
  /** Physical table name whose feed is read. */
  readonly table: string;
  readonly feed: ChangeFeed;
  readonly checkpoints: ConsumerCheckpoints;
  readonly handler: ChangeBatchHandler;
  readonly logger: Logger;
  /** Records per batch; Lambda's default for a DynamoDB Streams event source is 100. */
  readonly batchSize?: number;
  /** Pause when the feed has nothing new. */
  readonly idleMs?: number;
  /** First pause after a failed batch, doubled on each further failure up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

export interface BatchOutcome {
  /** Records handled and checkpointed. */
  readonly delivered: number;
  /** Whether a record failed; it and the records after it are delivered again. */
  readonly failed: boolean;
}

/**
 * Delivers the embedded change log to one consumer the way Lambda's event source mapping delivers
 * DynamoDB Streams: in order, in batches, at least once. The checkpoint moves only past records the
 * handler finished; with batch item failures it stops before the first failed record, and the batch is
 * retried with backoff for as long as it fails (as Lambda does until the record leaves the stream).
 */
export class ChangeFeedPoller {
  readonly #o: Required<ChangeFeedPollerOptions>;
  #running: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;

  constructor(options: ChangeFeedPollerOptions) {
    this.#o = { batchSize: 100, idleMs: 250, retryMs: 500, maxRetryMs: 30_000, ...options };
  }

  /** Polls in the background until stop(). */
  start(): void {
    if (this.#running) return;
    this.#stopping = false;
    this.#running = this.#loop();
  }

  /** Lets the batch in flight finish (and checkpoint), then stops polling. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#running = undefined;
  }

  /** Delivers one batch after the checkpoint. Not to be called while started. */
  async deliverBatch(): Promise<BatchOutcome> {
    const { consumer, table, batchSize } = this.#o;
    const batch = this.#o.feed.read(table, this.#o.checkpoints.get(consumer), batchSize);
    if (batch.length === 0) return { delivered: 0, failed: false };
    const response = await this.#o.handler(batch.map(({ sequence: _, ...record }) => record));
    const done = succeededPrefix(batch, response);
    const last = done.at(-1);
    if (last) this.#o.checkpoints.set(consumer, last.sequence);
    return { delivered: done.length, failed: done.length < batch.length };
  }

  /** Delivers batches until the consumer has caught up with the feed; throws on the first failed batch. */
  async drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const outcome = await this.deliverBatch();
      delivered += outcome.delivered;
      if (outcome.failed)
        throw new Error(`${this.#o.consumer}: a record failed after ${delivered} were delivered`);
      if (outcome.delivered === 0) return delivered;
    }
  }

  async #loop(): Promise<void> {
    const { consumer, idleMs, retryMs, maxRetryMs, logger } = this.#o;
    let retryDelay = retryMs;
    while (!this.#stopping) {
      let pause: number;
      try {
        const outcome = await this.deliverBatch();
        if (outcome.failed) logger.warn("change batch failed; retrying", { consumer, retryInMs: retryDelay });
        pause = outcome.failed ? retryDelay : outcome.delivered > 0 ? 0 : idleMs;
        retryDelay = outcome.failed ? Math.min(maxRetryMs, retryDelay * 2) : retryMs;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logger.error("change batch handler threw; retrying", { consumer, reason, retryInMs: retryDelay });
        pause = retryDelay;
        retryDelay = Math.min(maxRetryMs, retryDelay * 2);
      }
      if (pause > 0) await this.#sleep(pause);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stopping) return resolve();
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * The records before the first reported failure. A failure naming no record of the batch fails all of
 * it, as Lambda treats an unknown itemIdentifier.
 */
function succeededPrefix(batch: readonly ChangeRecord[], response: DynamoDBBatchResponse): ChangeRecord[] {
  const failures = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
  if (failures.size === 0) return [...batch];
  const first = batch.findIndex((record) => failures.has(record.dynamodb?.SequenceNumber ?? ""));
  return first === -1 ? [] : batch.slice(0, first);
}
