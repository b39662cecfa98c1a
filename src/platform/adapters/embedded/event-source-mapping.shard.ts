import { DEAD_LETTER_METRIC, type DeadLetterReason } from "./dead-letters.ts";
import type { EventSourceCheckpoints } from "./event-source-checkpoints.ts";
import {
  type BatchItemFailures,
  NOTHING,
  type ResolvedOptions,
  type SourceItem,
  type StepOutcome,
} from "./event-source-mapping.options.ts";
import { inOneTransaction, inTransaction } from "./sqlite.database.ts";

/** How one invocation went: the records finished before the first failure, and why it failed. */
interface Verdict {
  readonly done: number;
  /** The whole batch failed (a throw, or a failure naming no record of the batch). */
  readonly whole: boolean;
  readonly error?: string;
}

/**
 * One shard of a mapping, as Lambda's poller for that shard: reads after the checkpoint, invokes, and
 * moves the checkpoint only after the handler answered. Retry state (the failing record, its attempts,
 * the bisected segments still to deliver) is in memory: a restart retries from the checkpoint afresh.
 */
export class ShardDelivery<R> {
  readonly #o: ResolvedOptions<R>;
  readonly #shard: string;
  readonly #checkpoints: EventSourceCheckpoints;
  /** Sizes of the bisected parts still to deliver from the checkpoint, first part first. */
  #segments: number[] = [];
  #failingAt: string | undefined;
  #attempts = 0;
  #firstSeenAt: number | undefined;

  constructor(options: ResolvedOptions<R>, shard: string, checkpoints: EventSourceCheckpoints) {
    this.#o = options;
    this.#shard = shard;
    this.#checkpoints = checkpoints;
  }

  /** Redrives requested dead letters, then delivers (or dead-letters) one batch. `flush` skips the window. */
  async step(flush: boolean): Promise<StepOutcome> {
    const redriven = await this.#redrive();
    const limit = this.#segments[0] ?? this.#o.batchSize;
    const items = this.#o.source.read(this.#shard, this.#checkpoints.get(this.#o.name, this.#shard), limit);
    const aged = this.#agedCount(items);
    if (aged > 0) {
      const attempts = this.#failingAt === items[0]?.position ? this.#attempts : 0;
      this.#giveUp(items.slice(0, aged), "RecordAgeExceeded", attempts);
      return { ...NOTHING, redriven, deadLettered: aged };
    }
    if (items.length === 0) {
      this.#firstSeenAt = undefined;
      return { ...NOTHING, redriven };
    }
    const waitMs = flush ? 0 : this.#windowLeft(items.length, limit);
    if (waitMs > 0) return { ...NOTHING, redriven, waitMs };
    this.#firstSeenAt = undefined;
    return { ...(await this.#deliver(items)), redriven };
  }

  async #deliver(items: readonly SourceItem<R>[]): Promise<StepOutcome> {
    const verdict = await this.#invoke(items.map((item) => item.record));
    if (verdict.done > 0) this.#finish(items.slice(0, verdict.done));
    if (verdict.done === items.length) {
      this.#failingAt = undefined;
      return { ...NOTHING, delivered: items.length };
    }
    const failed = items.slice(verdict.done);
    if (verdict.whole && this.#o.bisectBatchOnFunctionError && failed.length > 1) {
      // Halving does not count against the retries (Lambda's BisectBatchOnFunctionError).
      const half = Math.ceil(failed.length / 2);
      this.#segments = [half, failed.length - half, ...this.#segments.slice(1)];
      this.#log("batch failed; bisecting", failed, verdict.error);
      return { ...NOTHING, failed: true, retryInMs: 0, bisected: true };
    }
    this.#attempts = this.#failingAt === failed[0]?.position ? this.#attempts + 1 : 1;
    this.#failingAt = failed[0]?.position;
    const { maximumRetryAttempts, retryBackoffMs, maxRetryBackoffMs } = this.#o;
    if (maximumRetryAttempts >= 0 && this.#attempts > maximumRetryAttempts) {
      // A failure the handler pinned to one record gives up only that record; the rest are retried.
      const given = verdict.whole ? failed : failed.slice(0, 1);
      this.#giveUp(given, "RetryAttemptsExhausted", this.#attempts, verdict.error);
      return { ...NOTHING, delivered: verdict.done, deadLettered: given.length };
    }
    const retryInMs = Math.min(maxRetryBackoffMs, retryBackoffMs * 2 ** (this.#attempts - 1));
    this.#log("batch failed; retrying", failed, verdict.error, { attempt: this.#attempts, retryInMs });
    return { ...NOTHING, delivered: verdict.done, failed: true, retryInMs };
  }

  async #invoke(records: R[]): Promise<Verdict> {
    let response: BatchItemFailures | undefined;
    try {
      // A handler that returns nothing (void) succeeded as a whole, as on Lambda.
      const invoke = async () => (await this.#o.handler({ Records: records })) ?? undefined;
      response = this.#o.oneTransactionPerBatch
        ? await inOneTransaction(this.#o.db, this.#o.name, invoke)
        : await invoke();
    } catch (error) {
      return { done: 0, whole: true, error: error instanceof Error ? error.message : String(error) };
    }
    const failures = this.#o.reportBatchItemFailures ? (response?.batchItemFailures ?? []) : [];
    if (failures.length === 0) return { done: records.length, whole: false };
    const ids = records.map((record) => this.#o.source.itemIdentifier(record));
    const indexes = failures.map(({ itemIdentifier }) => (itemIdentifier ? ids.indexOf(itemIdentifier) : -1));
    if (indexes.includes(-1))
      return { done: 0, whole: true, error: "batchItemFailures named an itemIdentifier not in the batch" };
    return { done: Math.min(...indexes), whole: false, error: "the handler reported the record failed" };
  }

  /** Dead letters whose redrive was requested (maybe by another process), one record per invocation. */
  async #redrive(): Promise<number> {
    const entries = this.#o.onFailure.requested(this.#o.name, this.#shard);
    for (const entry of entries) {
      const verdict = await this.#invoke([entry.record as R]);
      const ok = verdict.done === 1;
      this.#o.onFailure.settle(entry.id, ok ? { ok } : { ok, error: verdict.error ?? "failed" });
      const fields = { mapping: this.#o.name, shard: this.#shard, sequence: entry.sequence, id: entry.id };
      if (ok) this.#o.logger.info("dead letter redriven", fields);
      else this.#o.logger.warn("dead letter failed again", { ...fields, reason: verdict.error });
    }
    return entries.length;
  }

  /** Records past `maximumRecordAgeMs`, a prefix since a shard's records arrive in order. */
  #agedCount(items: readonly SourceItem<R>[]): number {
    const maxAge = this.#o.maximumRecordAgeMs;
    if (maxAge < 0) return 0;
    const oldest = this.#o.now().getTime() - maxAge;
    const fresh = items.findIndex((item) => item.arrivedAt >= oldest);
    return fresh === -1 ? items.length : fresh;
  }

  #windowLeft(available: number, limit: number): number {
    const window = this.#o.maximumBatchingWindowMs;
    if (window <= 0 || available >= limit || this.#segments.length > 0) return 0;
    const now = this.#o.now().getTime();
    this.#firstSeenAt ??= now;
    return Math.max(0, this.#firstSeenAt + window - now);
  }

  #finish(items: readonly SourceItem<R>[]): void {
    const last = items.at(-1);
    if (last) this.#checkpoints.set(this.#o.name, this.#shard, last.position);
    this.#consumeSegment(items.length);
  }

  /** Dead-letters `items` and checkpoints past them in one transaction: never one without the other. */
  #giveUp(items: readonly SourceItem<R>[], reason: DeadLetterReason, attempts: number, error?: string): void {
    const { name, source, onFailure } = this.#o;
    inTransaction(this.#o.db, () => {
      onFailure.add(
        items.map(({ record }) => {
          const sequence = source.itemIdentifier(record);
          const entry = {
            mapping: name,
            source: source.name,
            shard: this.#shard,
            sequence,
            record,
            reason,
            attempts,
          };
          return error === undefined ? entry : { ...entry, error };
        }),
      );
      this.#finish(items);
    });
    this.#failingAt = undefined;
    this.#attempts = 0;
    this.#o.metrics.count(DEAD_LETTER_METRIC, items.length, { mapping: name, source: source.name });
    this.#o.logger.error("records dead-lettered", { ...this.#span(items), reason, attempts, error });
  }

  #consumeSegment(count: number): void {
    const first = this.#segments[0];
    if (first === undefined) return;
    if (first > count) this.#segments[0] = first - count;
    else this.#segments.shift();
  }

  #log(message: string, items: readonly SourceItem<R>[], reason?: string, extra: object = {}): void {
    this.#o.logger.warn(message, { ...this.#span(items), reason, ...extra });
  }

  /** What a log line may say about records: where they are, never what they hold (personal data). */
  #span(items: readonly SourceItem<R>[]) {
    const sequence = (item: SourceItem<R> | undefined) =>
      item ? this.#o.source.itemIdentifier(item.record) : undefined;
    const [first, last] = [items[0], items.at(-1)];
    return {
      mapping: this.#o.name,
      shard: this.#shard,
      firstSequence: sequence(first),
      lastSequence: sequence(last),
      records: items.length,
    };
  }
}
