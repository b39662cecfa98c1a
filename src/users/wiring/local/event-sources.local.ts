import type { DatabaseSync } from "node:sqlite";
import type { DynamoDBRecord, KinesisStreamRecord } from "aws-lambda";
import { changeLogSource } from "../../../platform/adapters/embedded/change-log.source.ts";
import { EventSourceMapping } from "../../../platform/adapters/embedded/event-source-mapping.ts";
import { kinesisSource } from "../../../platform/adapters/embedded/kinesis.source.ts";
import { lambdaContext } from "../../../platform/adapters/embedded/lambda-context.ts";
import { QueueEventSourceMapping } from "../../../platform/adapters/embedded/queue-event-source-mapping.ts";
import type { SqliteTableStore } from "../../../platform/adapters/embedded/sqlite-table.store.ts";
import type { Logger } from "../../../platform/logging/logger.ts";
import type { LocalConfig } from "../../../runtime/local/local.config.ts";
import type { LocalChannels } from "../../../runtime/local/local-channels.ts";
import { usersTable } from "../../adapters/users.tables.ts";
import { handleCleanupMessages } from "../../workers/cleanup.worker.ts";
import { feedUserChanges } from "../../workers/kinesis-feeder.worker.ts";
import { handlePaymentRecords } from "../../workers/payment.worker.ts";
import { subscriptionsWorker } from "../../workers/subscriptions.worker.ts";
import type { LocalWorkerDeps } from "./workers.local.ts";

/** The mapping names: they key checkpoints and dead letters, and name the functions in logs. */
export const MAPPINGS = {
  payment: "user-service-payment-worker",
  subscriptions: "user-service-subscriptions",
  feeder: "user-service-kinesis-feeder",
} as const;

export type EventRuntimeConfig = Pick<
  LocalConfig,
  | "ROSTER_WORKER_TIMEOUT_MS"
  | "ROSTER_STREAM_MAX_RETRIES"
  | "ROSTER_RETRY_BACKOFF_MS"
  | "ROSTER_QUEUE_VISIBILITY_TIMEOUT_MS"
>;

export interface LocalEventRuntime {
  start(): void;
  /** Lets every batch in flight finish and checkpoint. */
  stop(): Promise<void>;
}

/**
 * Lambda's event source mappings for the four workers of seeds 000 and 004, as configured on AWS
 * (issue 6's CDK app sets the same options): the workers are the Lambda handlers' own functions.
 */
export function localEventRuntime(parts: {
  readonly db: DatabaseSync;
  readonly store: SqliteTableStore;
  readonly channels: LocalChannels;
  readonly workers: LocalWorkerDeps;
  readonly config: EventRuntimeConfig;
  readonly logger: Logger;
}): LocalEventRuntime {
  const { db, store, channels, workers, config, logger } = parts;
  const context = (name: string) => lambdaContext(name, config.ROSTER_WORKER_TIMEOUT_MS);
  const retries = {
    maximumRetryAttempts: config.ROSTER_STREAM_MAX_RETRIES,
    retryBackoffMs: config.ROSTER_RETRY_BACKOFF_MS,
  };
  const subscriptions = subscriptionsWorker(workers.subscriptions);
  const table = store.tableName(usersTable);
  const mappings = [
    new EventSourceMapping<KinesisStreamRecord>({
      name: MAPPINGS.payment,
      db,
      logger,
      source: kinesisSource(channels.streams, channels.names.streams.payments),
      // Seed 004: a failed record is reported by its sequence number.
      reportBatchItemFailures: true,
      ...retries,
      handler: ({ Records }) => handlePaymentRecords(workers.payment, Records, context(MAPPINGS.payment)),
    }),
    new EventSourceMapping<KinesisStreamRecord>({
      name: MAPPINGS.subscriptions,
      db,
      logger,
      source: kinesisSource(channels.streams, channels.names.streams.subscriptions),
      // Seed 004: a failed record fails the batch; bisecting lets the good records through.
      bisectBatchOnFunctionError: true,
      ...retries,
      handler: ({ Records }) => subscriptions(Records, context(MAPPINGS.subscriptions)),
    }),
    new EventSourceMapping<DynamoDBRecord>({
      name: MAPPINGS.feeder,
      db,
      logger,
      source: changeLogSource(store.changes, table, (listener) => store.changes.onAppend(listener)),
      // Seed 004: the feeder reports nothing; it logs and goes on.
      retryBackoffMs: config.ROSTER_RETRY_BACKOFF_MS,
      handler: async ({ Records }) => void (await feedUserChanges(workers.feeder, Records)),
    }),
    new QueueEventSourceMapping({
      queues: channels.queues,
      queue: channels.names.cleanup,
      logger,
      visibilityTimeoutMs: config.ROSTER_QUEUE_VISIBILITY_TIMEOUT_MS,
      reportBatchItemFailures: true,
      handler: ({ Records }) =>
        handleCleanupMessages(workers.cleanup, Records, context("user-service-cleanup")),
    }),
  ];
  return {
    start: () => {
      for (const mapping of mappings) mapping.start();
    },
    stop: async () => {
      await Promise.all(mappings.map((mapping) => mapping.stop()));
    },
  };
}
