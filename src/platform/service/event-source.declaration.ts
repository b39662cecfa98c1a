import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  KinesisStreamBatchResponse,
  KinesisStreamRecord,
  SQSBatchResponse,
  SQSEvent,
} from "aws-lambda";
import type { TableSpec } from "../store/table-spec.ts";

/**
 * Lambda's event source mapping settings a worker relies on (the CDK app sets the same on AWS).
 * Retries, backoff and timeouts not given here come from the local runtime's configuration.
 */
export interface MappingSettings {
  readonly batchSize?: number;
  readonly maximumBatchingWindowMs?: number;
  /** FunctionResponseTypes ReportBatchItemFailures. */
  readonly reportBatchItemFailures?: boolean;
  readonly bisectBatchOnFunctionError?: boolean;
  /**
   * Retries before the record goes to the dead letters (the runtime's ROSTER_STREAM_MAX_RETRIES unless
   * given). Never -1: the runtime refuses unbounded retries, as the CDK app never sets them.
   */
  readonly maximumRetryAttempts?: number;
  readonly retryBackoffMs?: number;
  readonly maxRetryBackoffMs?: number;
  readonly idleMs?: number;
}

type Answer<T> = Promise<T | undefined> | Promise<void>;

/** A worker on one of the streams (by its short name, `StreamContract.name`). */
export interface StreamSourceDeclaration {
  readonly name: string;
  readonly stream: string;
  readonly settings?: MappingSettings;
  /**
   * The local runtime only (nothing on AWS, where the store is DynamoDB): the handler's writes to the
   * embedded store in one SQLite transaction per invocation, each write still all or nothing.
   */
  readonly oneTransactionPerBatch?: boolean;
  handler(event: { Records: KinesisStreamRecord[] }, context: Context): Answer<KinesisStreamBatchResponse>;
}

/** A worker on a table's change feed (DynamoDB Streams on AWS, the change log locally). */
export interface ChangeFeedSourceDeclaration {
  readonly name: string;
  readonly changesOf: TableSpec;
  readonly settings?: MappingSettings;
  /** As on a stream declaration: the local runtime's one SQLite transaction per invocation. */
  readonly oneTransactionPerBatch?: boolean;
  handler(event: { Records: DynamoDBRecord[] }, context: Context): Answer<DynamoDBBatchResponse>;
}

/** A worker on one of the service's queues (by its short name, `QueueDeclaration.name`). */
export interface QueueSourceDeclaration {
  readonly name: string;
  readonly queue: string;
  readonly settings?: Pick<MappingSettings, "batchSize" | "reportBatchItemFailures" | "idleMs">;
  handler(event: SQSEvent, context: Context): Answer<SQSBatchResponse>;
}

/** What a service's worker reads: the runtime runs each with Lambda's event source mapping semantics. */
export type EventSourceDeclaration =
  | StreamSourceDeclaration
  | ChangeFeedSourceDeclaration
  | QueueSourceDeclaration;

/** A job on a schedule (EventBridge Scheduler `rate(...)` on AWS, the local scheduler in the process). */
export interface ScheduleDeclaration {
  readonly name: string;
  /** How often it runs, in milliseconds (EventBridge's smallest rate is one minute). */
  readonly rateMs: number;
  handler(context: Context): Promise<void>;
}
