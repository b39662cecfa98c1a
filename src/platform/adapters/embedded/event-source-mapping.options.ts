import type { DatabaseSync } from "node:sqlite";
import type { Logger } from "../../logging/logger.ts";
import type { Metrics } from "../../metrics/metrics.port.ts";
import { DeadLetters } from "./dead-letters.ts";

/** One record as a source hands it over: where it sits in its shard and when it arrived. */
export interface SourceItem<R> {
  /** Opaque, ordered within the shard; what the checkpoint stores and `read` continues after. */
  readonly position: string;
  /** Unix milliseconds; what `maximumRecordAgeMs` measures. */
  readonly arrivedAt: number;
  readonly record: R;
}

/** A stream the engine can map: shards of ordered records (Kinesis, DynamoDB Streams). */
export interface EventSource<R> {
  /** The stream or table name, kept with dead-lettered records. */
  readonly name: string;
  shardIds(): readonly string[];
  /** Records of `shard` after `after` (undefined: from the oldest), oldest first, at most `limit`. */
  read(shard: string, after: string | undefined, limit: number): SourceItem<R>[];
  /** The id Lambda expects back in `batchItemFailures` for this record. */
  itemIdentifier(record: R): string;
  /** Wakes the mapping when records are appended in this process; without it the mapping polls. */
  onAppend?(listener: () => void): () => void;
}

export interface BatchItemFailures {
  readonly batchItemFailures?: readonly { readonly itemIdentifier?: string }[] | null;
}

/** A handler as Lambda calls it; a throw fails the whole batch. */
export type BatchHandler<R> = (event: {
  Records: R[];
}) => Promise<BatchItemFailures | undefined> | Promise<void>;

export interface EventSourceMappingOptions<R> {
  /** The mapping's name: it keys the checkpoints and the dead letters. One running instance per name. */
  readonly name: string;
  /** The store's SQLite file, which holds checkpoints and dead letters. */
  readonly db: DatabaseSync;
  readonly source: EventSource<R>;
  readonly handler: BatchHandler<R>;
  readonly logger: Logger;
  /** Lambda's default for Kinesis and DynamoDB Streams is 100. */
  readonly batchSize?: number;
  /** 0: deliver at once; else wait for `batchSize` records or this long after the first waiting one. */
  readonly maximumBatchingWindowMs?: number;
  /** Honour `batchItemFailures` (FunctionResponseTypes ReportBatchItemFailures); else the answer is ignored. */
  readonly reportBatchItemFailures?: boolean;
  /**
   * The local runtime's own setting: the handler's writes on `db` in one SQLite transaction per
   * invocation (`inOneTransaction`), each write still all or nothing. Off by default.
   */
  readonly oneTransactionPerBatch?: boolean;
  /** Split a failing batch in halves, retried separately, until the failing record is alone. */
  readonly bisectBatchOnFunctionError?: boolean;
  /** Retries of a failing record before it is dead-lettered; -1: until it leaves the stream. */
  readonly maximumRetryAttempts?: number;
  /** Records older than this are dead-lettered unread; -1: no limit. */
  readonly maximumRecordAgeMs?: number;
  /** Where `roster.deadletter.records` is counted; none by default. */
  readonly metrics?: Metrics;
  /** The on-failure destination; defaults to the dead letters of `db`. */
  readonly onFailure?: DeadLetters;
  /** First pause after a failure, doubled on each further failure of the same record up to the cap. */
  readonly retryBackoffMs?: number;
  readonly maxRetryBackoffMs?: number;
  /** Pause of an idle shard loop when the source cannot wake it. */
  readonly idleMs?: number;
  readonly now?: () => Date;
}

const NO_METRICS: Metrics = { count: () => {}, duration: () => {} };

export type ResolvedOptions<R> = Required<EventSourceMappingOptions<R>>;

export function withDefaults<R>(options: EventSourceMappingOptions<R>): ResolvedOptions<R> {
  const resolved = {
    batchSize: 100,
    maximumBatchingWindowMs: 0,
    reportBatchItemFailures: false,
    oneTransactionPerBatch: false,
    bisectBatchOnFunctionError: false,
    maximumRetryAttempts: -1,
    maximumRecordAgeMs: -1,
    retryBackoffMs: 200,
    maxRetryBackoffMs: 30_000,
    idleMs: 250,
    now: () => new Date(),
    metrics: NO_METRICS,
    ...options,
  };
  const onFailure = options.onFailure ?? new DeadLetters(options.db, resolved.now);
  if (!Number.isInteger(resolved.batchSize) || resolved.batchSize < 1)
    throw new Error(`mapping ${resolved.name}: batchSize must be a positive integer`);
  if (resolved.maximumRetryAttempts < -1)
    throw new Error(`mapping ${resolved.name}: maximumRetryAttempts must be -1 or more`);
  return { ...resolved, onFailure };
}

/** What one step on one shard did. */
export interface StepOutcome {
  /** Records the handler finished and the checkpoint passed. */
  readonly delivered: number;
  /** Records sent to the on-failure destination (checkpoint moved past them). */
  readonly deadLettered: number;
  /** Dead letters redelivered on request (succeeded or put back). */
  readonly redriven: number;
  /** Whether the batch failed and will be retried (after `retryInMs`). */
  readonly failed: boolean;
  readonly retryInMs?: number;
  /** The failed batch was split; its halves are delivered next, at once. */
  readonly bisected?: boolean;
  /** Records wait for the batching window, this much longer. */
  readonly waitMs?: number;
}

export const NOTHING: StepOutcome = { delivered: 0, deadLettered: 0, redriven: 0, failed: false };

export function sum(a: StepOutcome, b: StepOutcome): StepOutcome {
  return {
    delivered: a.delivered + b.delivered,
    deadLettered: a.deadLettered + b.deadLettered,
    redriven: a.redriven + b.redriven,
    failed: a.failed || b.failed,
  };
}
