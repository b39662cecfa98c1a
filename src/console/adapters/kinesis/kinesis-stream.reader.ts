import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
} from "@aws-sdk/client-kinesis";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { StreamEntry, StreamReader } from "../../ports/stream-reader.port.ts";
import { parseJson } from "../stream-record.json.ts";

export interface KinesisStreamReaderOptions {
  readonly client: KinesisClient;
  /** Short name -> the stage's stream name (`users` -> `prod-user-service-users`). */
  readonly streamNames: Readonly<Record<string, string>>;
  readonly clock: Clock;
  /** How far back a read starts (AT_TIMESTAMP): what the tail can show. */
  readonly windowMinutes: number;
  /** GetRecords calls per shard and read, at most (each returns up to 10,000 records; 5 calls/s per shard). */
  readonly maxCallsPerShard: number;
}

/**
 * The console's tail on AWS: each shard read from `windowMinutes` ago (ListShards, GetShardIterator
 * AT_TIMESTAMP, GetRecords until it is caught up or `maxCallsPerShard` calls were made), newest kept.
 * A shared-throughput consumer with no checkpoint: it moves nobody's position on the stream.
 */
export class KinesisStreamReader implements StreamReader {
  readonly #options: KinesisStreamReaderOptions;

  constructor(options: KinesisStreamReaderOptions) {
    this.#options = options;
  }

  async latest(
    stream: string,
    options: { readonly member?: string; readonly limit: number },
  ): Promise<StreamEntry[]> {
    const name = this.#options.streamNames[stream];
    if (!name) return [];
    const { client } = this.#options;
    const shards = (await client.send(new ListShardsCommand({ StreamName: name }))).Shards ?? [];
    const since = new Date(this.#options.clock.now().getTime() - this.#options.windowMinutes * 60_000);
    const perShard = await Promise.all(
      shards.map(async (shard) => {
        let iterator = (
          await client.send(
            new GetShardIteratorCommand({
              StreamName: name,
              ShardId: shard.ShardId,
              ShardIteratorType: "AT_TIMESTAMP",
              Timestamp: since,
            }),
          )
        ).ShardIterator;
        const kept: StreamEntry[] = [];
        for (let call = 0; iterator && call < this.#options.maxCallsPerShard; call++) {
          const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
          for (const record of page.Records ?? []) {
            const partitionKey = record.PartitionKey ?? "";
            if (options.member !== undefined && partitionKey !== options.member) continue;
            kept.push({
              stream,
              sequence: record.SequenceNumber ?? "",
              arrivedAt: (record.ApproximateArrivalTimestamp ?? since).toISOString(),
              partitionKey,
              record: record.Data ? parseJson(Buffer.from(record.Data).toString("utf8")) : undefined,
            });
          }
          if (kept.length > options.limit) kept.splice(0, kept.length - options.limit);
          if ((page.MillisBehindLatest ?? 0) === 0) break;
          iterator = page.NextShardIterator;
        }
        return kept;
      }),
    );
    return perShard
      .flat()
      .sort((a, b) => b.arrivedAt.localeCompare(a.arrivedAt) || b.sequence.localeCompare(a.sequence))
      .slice(0, options.limit);
  }
}
