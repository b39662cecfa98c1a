import { createHash } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import type { KinesisStreamRecord } from "aws-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import { SqliteStreams } from "../../../src/platform/adapters/embedded/sqlite-streams.ts";
import { StreamPublishError } from "../../../src/platform/events/stream-producer.port.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";

const STREAM = "test-orders";
const text = (record: KinesisStreamRecord) => Buffer.from(record.kinesis.data, "base64").toString("utf8");

describe("SqliteStreams: durable Kinesis-like streams in SQLite", () => {
  let db: DatabaseSync;
  let clock: ManualClock;
  let streams: SqliteStreams;
  const open = () =>
    new SqliteStreams(db, {
      streams: [
        { name: STREAM, shards: 4, retentionHours: 24 },
        { name: "test-single", shards: 1, retentionHours: 1 },
      ],
      now: () => clock.now(),
    });
  beforeEach(() => {
    db = new DatabaseSync(":memory:");
    clock = new ManualClock("2026-11-22T10:00:00.250Z");
    streams = open();
  });

  it("routes a partition key to the shard its MD5 falls in, whichever instance puts it", async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const first = await streams.put(
      STREAM,
      keys.map((partitionKey) => ({ partitionKey, data: "{}" })),
    );
    const again = await open().put(
      STREAM,
      keys.map((partitionKey) => ({ partitionKey, data: "{}" })),
    );
    const expected = keys.map((key) => {
      const hash = BigInt(`0x${createHash("md5").update(key).digest("hex")}`);
      return `shardId-${String((hash * 4n) >> 128n).padStart(12, "0")}`;
    });
    expect(first.map((r) => r.shardId)).toEqual(expected);
    expect(again.map((r) => r.shardId)).toEqual(expected);
    expect(new Set(expected)).toEqual(new Set(streams.shardIds(STREAM)));
  });

  it("answers in request order with fixed-width sequence numbers that sort as numbers", async () => {
    const results = await streams.put(STREAM, [
      { partitionKey: "a", data: "1" },
      { partitionKey: "b", data: "2" },
      { partitionKey: "a", data: "3" },
    ]);
    const sequences = results.map((r) => r.sequenceNumber);
    expect(sequences.every((s) => /^\d{21}$/.test(s))).toBe(true);
    expect([...sequences].sort()).toEqual(sequences);
    expect(results[0]?.shardId).toBe(results[2]?.shardId);
  });

  it("keeps the order of each shard and reads Kinesis-shaped Lambda records page by page", async () => {
    const put = await streams.put(
      "test-single",
      ["x", "y", "z"].map((data) => ({ partitionKey: "k", data })),
    );
    const shard = "shardId-000000000000";
    const page = streams.read("test-single", shard, undefined, 2);
    expect(page.map(text)).toEqual(["x", "y"]);
    expect(streams.read("test-single", shard, page[1]?.kinesis.sequenceNumber, 10).map(text)).toEqual(["z"]);
    const sequence = put[0]?.sequenceNumber ?? "";
    expect(page[0]).toEqual({
      kinesis: {
        kinesisSchemaVersion: "1.0",
        partitionKey: "k",
        sequenceNumber: sequence,
        data: Buffer.from("x").toString("base64"),
        approximateArrivalTimestamp: Date.parse("2026-11-22T10:00:00.250Z") / 1000,
      },
      eventSource: "aws:kinesis",
      eventVersion: "1.0",
      eventID: `${shard}:${sequence}`,
      eventName: "aws:kinesis:record",
      invokeIdentityArn: expect.stringMatching(/^arn:aws:iam::000000000000:role\//),
      awsRegion: "local",
      eventSourceARN: "arn:aws:kinesis:local:000000000000:stream/test-single",
    });
  });

  it("keeps UTF-8 data intact through base64", async () => {
    await streams.put("test-single", [{ partitionKey: "k", data: '{"name":"Zoë ✓"}' }]);
    expect(streams.read("test-single", "shardId-000000000000", undefined, 1).map(text)).toEqual([
      '{"name":"Zoë ✓"}',
    ]);
  });

  it("tails every shard in arrival order with a cursor to continue from", async () => {
    const keys = ["a", "b", "c", "d", "e", "f"];
    await streams.put(
      STREAM,
      keys.map((partitionKey, i) => ({ partitionKey, data: `${i}` })),
    );
    const first = streams.tail(STREAM, {}, 4);
    expect(first.records.map(text)).toEqual(["0", "1", "2", "3"]);
    const rest = streams.tail(STREAM, { cursor: first.cursor }, 4);
    expect(rest.records.map(text)).toEqual(["4", "5"]);
    const idle = streams.tail(STREAM, { cursor: rest.cursor }, 4);
    expect(idle).toEqual({ records: [], cursor: rest.cursor });
    await streams.put(STREAM, [{ partitionKey: "g", data: "6" }]);
    expect(streams.tail(STREAM, { cursor: idle.cursor }).records.map(text)).toEqual(["6"]);
  });

  it("loses records past the retention, as Kinesis does, and sweeps them away", async () => {
    await streams.put("test-single", [{ partitionKey: "k", data: "old" }]);
    clock.advance(30 * 60_000);
    await streams.put("test-single", [{ partitionKey: "k", data: "new" }]);
    clock.advance(31 * 60_000);
    expect(streams.read("test-single", "shardId-000000000000", undefined, 10).map(text)).toEqual(["new"]);
    expect(streams.tail("test-single").records.map(text)).toEqual(["new"]);
    expect(streams.sweepExpired()).toBe(1);
    expect(streams.sweepExpired()).toBe(0);
  });

  it("tells in-process listeners after a put commits, until they unsubscribe", async () => {
    const heard: string[] = [];
    const unsubscribe = streams.onAppend((stream) => heard.push(stream));
    await streams.put(STREAM, [{ partitionKey: "a", data: "1" }]);
    unsubscribe();
    await streams.put(STREAM, [{ partitionKey: "a", data: "2" }]);
    expect(heard).toEqual([STREAM]);
  });

  it("refuses an unknown stream or shard by name, and a bad partition key, putting nothing", async () => {
    await expect(streams.put("test-nope", [{ partitionKey: "a", data: "1" }])).rejects.toThrow(/test-nope/);
    expect(() => streams.read(STREAM, "shardId-000000000004", undefined, 1)).toThrow(/shardId-000000000004/);
    const records = [
      { partitionKey: "a", data: "1" },
      { partitionKey: "", data: "2" },
    ];
    await expect(streams.put(STREAM, records)).rejects.toThrow(/partition key/);
    expect(streams.tail(STREAM).records).toEqual([]);
  });

  it("fails a put the database refused with the port's StreamPublishError, counting every record", async () => {
    db.close();
    const put = streams.put(STREAM, [
      { partitionKey: "a", data: "1" },
      { partitionKey: "b", data: "2" },
    ]);
    await expect(put).rejects.toBeInstanceOf(StreamPublishError);
    await expect(put).rejects.toMatchObject({ failed: 2, total: 2 });
  });
});
