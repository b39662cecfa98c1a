import * as z from "zod";
import type { EventSourceDefaults } from "../adapters/embedded/event-sources.ts";
import { commonConfigSchema } from "./common.config.ts";
import { parseConfig } from "./parse-config.ts";

export const localConfigSchema = commonConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  ROSTER_DATA_DIR: z.string().min(1).default("./.roster"),
  /** An external PostgreSQL instead of the embedded one (e.g. a developer's own server). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * The local event runtime (ARCHITECTURE.md, "Platform pieces": the local event runtime). A worker's Lambda timeout: an
   * invocation that dies mid-way leaves an in-progress idempotency record that expires after it.
   */
  ROSTER_WORKER_TIMEOUT_MS: z.coerce.number().int().min(100).max(900_000).default(30_000),
  /** Retries of a failing stream record before it goes to the dead letters (Lambda's MaximumRetryAttempts). */
  ROSTER_STREAM_MAX_RETRIES: z.coerce.number().int().min(0).max(10_000).default(5),
  /** First pause after a failed batch, doubled per retry (capped at 30 s). */
  ROSTER_RETRY_BACKOFF_MS: z.coerce.number().int().min(1).max(60_000).default(1_000),
  /** Shards of each local Kinesis stream (records are keyed to shards by partition key). */
  ROSTER_STREAM_SHARDS: z.coerce.number().int().min(1).max(64).default(2),
  /** How long a stream keeps records (Kinesis: 24 hours to 365 days). */
  ROSTER_STREAM_RETENTION_HOURS: z.coerce.number().int().min(1).max(8_760).default(168),
  /** The cleanup queue's visibility timeout: a failed message comes back after it. */
  ROSTER_QUEUE_VISIBILITY_TIMEOUT_MS: z.coerce.number().int().min(100).max(43_200_000).default(30_000),
  /** Receives of a cleanup message before it moves to the dead-letter queue (SQS maxReceiveCount). */
  ROSTER_QUEUE_MAX_RECEIVES: z.coerce.number().int().min(1).max(1_000).default(5),
});

export type LocalConfig = z.infer<typeof localConfigSchema>;

export function loadLocalConfig(env: Record<string, string | undefined> = process.env): LocalConfig {
  return parseConfig(localConfigSchema, env);
}

/** What the event source mappings use where a worker's declaration says nothing. */
export function eventSourceDefaults(config: LocalConfig): EventSourceDefaults {
  return {
    workerTimeoutMs: config.ROSTER_WORKER_TIMEOUT_MS,
    maximumRetryAttempts: config.ROSTER_STREAM_MAX_RETRIES,
    retryBackoffMs: config.ROSTER_RETRY_BACKOFF_MS,
    queueVisibilityTimeoutMs: config.ROSTER_QUEUE_VISIBILITY_TIMEOUT_MS,
  };
}
