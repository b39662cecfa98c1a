import type { KinesisStreamRecord } from "aws-lambda";
import type { EventSource, SourceItem } from "./event-source-mapping.options.ts";
import type { SqliteStreams } from "./sqlite-streams.ts";

/** One of the embedded streams as an event source: its shards, Kinesis-shaped records. */
export function kinesisSource(streams: SqliteStreams, stream: string): EventSource<KinesisStreamRecord> {
  return {
    name: stream,
    shardIds: () => streams.shardIds(stream),
    read(shard, after, limit): SourceItem<KinesisStreamRecord>[] {
      return streams.read(stream, shard, after, limit).map((record) => ({
        position: record.kinesis.sequenceNumber,
        arrivedAt: Math.round(record.kinesis.approximateArrivalTimestamp * 1000),
        record,
      }));
    },
    itemIdentifier: (record) => record.kinesis.sequenceNumber,
    onAppend: (listener) =>
      streams.onAppend((appended) => {
        if (appended === stream) listener();
      }),
  };
}
