import type { DatabaseSync } from "node:sqlite";
import type { DynamoDBRecord, KinesisStreamRecord } from "aws-lambda";
import type { Logger } from "../../logging/logger.ts";
import type { Metrics } from "../../metrics/metrics.port.ts";
import type { EventSourceDeclaration } from "../../service/event-source.declaration.ts";
import type { LocalChannels } from "../../service/service-module.ts";
import { changeLogSource } from "./change-log.source.ts";
import { EventSourceMapping } from "./event-source-mapping.ts";
import { kinesisSource } from "./kinesis.source.ts";
import { lambdaContext } from "./lambda-context.ts";
import { QueueEventSourceMapping } from "./queue-event-source-mapping.ts";
import type { SqliteTableStore } from "./sqlite-table.store.ts";

/** The local runtime's defaults for what a declaration leaves out. */
export interface EventSourceDefaults {
  /** A worker's Lambda timeout (its context's deadline). */
  readonly workerTimeoutMs: number;
  readonly maximumRetryAttempts: number;
  readonly retryBackoffMs: number;
  readonly queueVisibilityTimeoutMs: number;
}

export interface EventSourceParts {
  readonly db: DatabaseSync;
  readonly store: SqliteTableStore;
  readonly channels: LocalChannels;
  readonly logger: Logger;
  /** Where every mapping counts what it dead-letters (`roster.deadletter.records`). */
  readonly metrics: Metrics;
  readonly defaults: EventSourceDefaults;
  /**
   * The time a stream mapping ages records by (MaximumRecordAgeInSeconds), waits out batching windows
   * by and stamps dead letters with: a clock that moves with the system's (the local clock, which
   * stamps the records' arrival too). The system's time when absent.
   */
  readonly now?: () => Date;
}

/** A running event source mapping. */
export interface Runnable {
  readonly name: string;
  start(): void;
  /** Lets every batch in flight finish and checkpoint. */
  stop(): Promise<void>;
}

function known<T>(names: Readonly<Record<string, T>>, name: string, what: string): T {
  const found = names[name];
  if (found === undefined) throw new Error(`no ${what} named ${name} is declared by any service`);
  return found;
}

/**
 * Lambda's event source mapping for one declared worker, on the embedded streams, change log or queues:
 * the same handler function the worker's Lambda runs, called with AWS-shaped batches and a context.
 */
export function eventSourceMapping(declaration: EventSourceDeclaration, parts: EventSourceParts) {
  const { db, store, channels, logger, metrics, defaults, now } = parts;
  const context = () => lambdaContext(declaration.name, defaults.workerTimeoutMs);
  if ("queue" in declaration) {
    const { queue } = known(channels.queueNames, declaration.queue, "queue");
    return new QueueEventSourceMapping({
      name: declaration.name,
      queues: channels.queues,
      queue,
      logger,
      metrics,
      visibilityTimeoutMs: defaults.queueVisibilityTimeoutMs,
      ...declaration.settings,
      handler: (event) => declaration.handler(event, context()),
    });
  }
  if ((declaration.settings?.maximumRetryAttempts ?? 0) < 0)
    throw new Error(
      `mapping ${declaration.name}: unbounded retries (-1) would let one poison record hold back every later one`,
    );
  const common = {
    name: declaration.name,
    db,
    logger,
    metrics,
    maximumRetryAttempts: defaults.maximumRetryAttempts,
    retryBackoffMs: defaults.retryBackoffMs,
    ...(now ? { now } : {}),
    ...declaration.settings,
  };
  if ("stream" in declaration) {
    const stream = known(channels.streamNames, declaration.stream, "stream");
    return new EventSourceMapping<KinesisStreamRecord>({
      ...common,
      ...(declaration.oneTransactionPerBatch ? { oneTransactionPerBatch: true } : {}),
      source: kinesisSource(channels.streams, stream),
      handler: (event) => declaration.handler(event, context()),
    });
  }
  return new EventSourceMapping<DynamoDBRecord>({
    ...common,
    ...(declaration.oneTransactionPerBatch ? { oneTransactionPerBatch: true } : {}),
    source: changeLogSource(store.changes, store.tableName(declaration.changesOf), (listener) =>
      store.changes.onAppend(listener),
    ),
    handler: (event) => declaration.handler(event, context()),
  });
}

/** Every declared worker, started and stopped together. */
export function eventSourceMappings(
  declarations: readonly EventSourceDeclaration[],
  parts: EventSourceParts,
): Omit<Runnable, "name"> {
  const mappings = declarations.map((declaration) => eventSourceMapping(declaration, parts));
  return {
    start: () => {
      for (const mapping of mappings) mapping.start();
    },
    stop: async () => {
      await Promise.all(mappings.map((mapping) => mapping.stop()));
    },
  };
}
