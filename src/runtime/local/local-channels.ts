import type { DatabaseSync } from "node:sqlite";
import { DeadLetters } from "../../platform/adapters/embedded/dead-letters.ts";
import { SqliteQueues } from "../../platform/adapters/embedded/sqlite-queues.ts";
import { SqliteStreams } from "../../platform/adapters/embedded/sqlite-streams.ts";
import type { LocalConfig } from "./local.config.ts";

/** The streams and queues of seed 000 by the short names people use (`npm run events -- put payments`). */
export const STREAM_NAMES = ["payments", "subscriptions", "users"] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

export function channelNames(stage: string) {
  return {
    streams: {
      payments: `${stage}-payments`,
      subscriptions: `${stage}-subscriptions`,
      users: `${stage}-user-service-users`,
    } satisfies Record<StreamName, string>,
    cleanup: `${stage}-user-service-cleanup`,
    cleanupDeadLetters: `${stage}-user-service-cleanup-dlq`,
  };
}

export type ChannelConfig = Pick<
  LocalConfig,
  "STAGE" | "ROSTER_STREAM_SHARDS" | "ROSTER_STREAM_RETENTION_HOURS" | "ROSTER_QUEUE_MAX_RECEIVES"
>;

export interface LocalChannels {
  readonly names: ReturnType<typeof channelNames>;
  readonly streams: SqliteStreams;
  readonly queues: SqliteQueues;
  readonly deadLetters: DeadLetters;
}

/**
 * The local streams, queues and stream dead letters on the store's SQLite file. The running process and
 * the events CLI open them alike, so a record put by the CLI is read by the process's mappings.
 */
export function localChannels(
  db: DatabaseSync,
  config: ChannelConfig,
  now: () => Date = () => new Date(),
): LocalChannels {
  const names = channelNames(config.STAGE);
  const stream = (name: string) => ({
    name,
    shards: config.ROSTER_STREAM_SHARDS,
    retentionHours: config.ROSTER_STREAM_RETENTION_HOURS,
  });
  return {
    names,
    streams: new SqliteStreams(db, { streams: Object.values(names.streams).map(stream), now }),
    queues: new SqliteQueues(db, {
      queues: [
        {
          name: names.cleanup,
          redrivePolicy: {
            deadLetterQueue: names.cleanupDeadLetters,
            maxReceiveCount: config.ROSTER_QUEUE_MAX_RECEIVES,
          },
        },
        { name: names.cleanupDeadLetters },
      ],
      now,
    }),
    deadLetters: new DeadLetters(db, now),
  };
}
