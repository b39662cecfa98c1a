import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteStreams } from "../../../src/platform/adapters/embedded/sqlite-streams.ts";
import { type StoredRecord, streamProducerContract } from "./stream-producer.contract.ts";

const STREAM = "test-contract";

/** Every retained record, in arrival order (so each shard's order), page by page through `tail`. */
function readAll(streams: SqliteStreams): StoredRecord[] {
  const stored: StoredRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = streams.tail(STREAM, cursor === undefined ? {} : { cursor }, 100);
    if (page.records.length === 0) return stored;
    for (const { kinesis, eventID } of page.records) {
      stored.push({
        partitionKey: kinesis.partitionKey,
        data: Buffer.from(kinesis.data, "base64").toString("utf8"),
        // eventID is `${shardId}:${sequenceNumber}`, as on a Kinesis event.
        shardId: eventID.slice(0, eventID.lastIndexOf(":")),
        sequenceNumber: kinesis.sequenceNumber,
      });
    }
    cursor = page.cursor;
  }
}

streamProducerContract("SqliteStreams on node:sqlite in memory", async () => {
  const db = openSqlite(":memory:");
  const streams = new SqliteStreams(db, { streams: [{ name: STREAM, shards: 2, retentionHours: 24 }] });
  return {
    producer: streams,
    stream: STREAM,
    readAll: async () => readAll(streams),
    close: async () => db.close(),
  };
});
