import { DatabaseSync } from "node:sqlite";
import type { KinesisStreamRecord } from "aws-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import { DeadLetters } from "../../../src/platform/adapters/embedded/dead-letters.ts";
import {
  type BatchHandler,
  EventSourceMapping,
  type EventSourceMappingOptions,
} from "../../../src/platform/adapters/embedded/event-source-mapping.ts";
import { kinesisSource } from "../../../src/platform/adapters/embedded/kinesis.source.ts";
import { SqliteStreams } from "../../../src/platform/adapters/embedded/sqlite-streams.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { testLogger } from "../../support/log-capture.ts";

const STREAM = "test-payments";
const text = (record: KinesisStreamRecord) => Buffer.from(record.kinesis.data, "base64").toString("utf8");
type Options = Omit<EventSourceMappingOptions<KinesisStreamRecord>, "name" | "db" | "source" | "logger">;

describe("EventSourceMapping on a Kinesis-like stream: Lambda's batching, retries and failures", () => {
  let db: DatabaseSync;
  let clock: ManualClock;
  let streams: SqliteStreams;
  /** Every batch the handler was given, as the data of its records. */
  let batches: string[][];
  beforeEach(() => {
    db = new DatabaseSync(":memory:");
    clock = new ManualClock("2026-11-22T10:00:00Z");
    streams = new SqliteStreams(db, {
      streams: [{ name: STREAM, shards: 1, retentionHours: 24 }],
      now: () => clock.now(),
    });
    batches = [];
  });
  const put = (...data: string[]) =>
    streams.put(
      STREAM,
      data.map((d) => ({ partitionKey: "user-1", data: d })),
    );
  /** A handler that records each batch, then lets `decide` answer for it. */
  const recording =
    (
      decide: (data: string[], records: KinesisStreamRecord[]) => unknown = () => undefined,
    ): BatchHandler<KinesisStreamRecord> =>
    async ({ Records }) => {
      batches.push(Records.map(text));
      return decide(Records.map(text), Records) as undefined;
    };
  const mapping = (options: Options, name = "test-mapping") =>
    new EventSourceMapping({
      name,
      db,
      source: kinesisSource(streams, STREAM),
      logger: testLogger("test"),
      now: () => clock.now(),
      retryBackoffMs: 1,
      ...options,
    });
  const failing = (...bad: string[]) =>
    recording((data, records) => ({
      batchItemFailures: records
        .filter((_, i) => bad.includes(data[i] ?? ""))
        .map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber })),
    }));
  const deadLetters = () => new DeadLetters(db).list("test-mapping");

  it("delivers batches of at most batchSize, in order, each record once", async () => {
    await put("a", "b", "c", "d", "e");
    const m = mapping({ handler: recording(), batchSize: 2 });
    expect(await m.deliverBatch()).toMatchObject({ delivered: 2, failed: false });
    expect(await m.drain()).toMatchObject({ delivered: 3, deadLettered: 0 });
    expect(batches).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(await m.drain()).toMatchObject({ delivered: 0 });
  });

  it("waits out the batching window unless a full batch is waiting", async () => {
    const m = mapping({ handler: recording(), batchSize: 3, maximumBatchingWindowMs: 1000 });
    await put("a", "b");
    expect(await m.deliverBatch()).toMatchObject({ delivered: 0 });
    clock.advance(999);
    expect(await m.deliverBatch()).toMatchObject({ delivered: 0 });
    clock.advance(1);
    expect(await m.deliverBatch()).toMatchObject({ delivered: 2 });
    await put("c", "d", "e");
    expect(await m.deliverBatch()).toMatchObject({ delivered: 3 });
    expect(batches).toEqual([
      ["a", "b"],
      ["c", "d", "e"],
    ]);
  });

  it("with ReportBatchItemFailures checkpoints just before the lowest failed record and redelivers from it", async () => {
    await put("a", "b", "c", "d", "e");
    let calls = 0;
    const m = mapping({
      handler: recording((_data, records) => {
        calls++;
        if (calls > 1) return undefined;
        // Reported out of order: the lowest one counts.
        const failed = [records[3], records[2]].map((r) => ({ itemIdentifier: r?.kinesis.sequenceNumber }));
        return { batchItemFailures: failed };
      }),
      reportBatchItemFailures: true,
    });
    expect(await m.deliverBatch()).toMatchObject({ delivered: 2, failed: true });
    expect(await m.deliverBatch()).toMatchObject({ delivered: 3, failed: false });
    expect(batches).toEqual([
      ["a", "b", "c", "d", "e"],
      ["c", "d", "e"],
    ]);
  });

  it("fails the whole batch when a failure names a record not in it, and ignores failures when not enabled", async () => {
    await put("a", "b");
    let calls = 0;
    const unknown = async () =>
      calls++ === 0 ? { batchItemFailures: [{ itemIdentifier: "99" }] } : undefined;
    const m = mapping({ handler: recording(unknown), reportBatchItemFailures: true });
    expect(await m.deliverBatch()).toMatchObject({ delivered: 0, failed: true });
    expect(await m.deliverBatch()).toMatchObject({ delivered: 2 });
    await put("c");
    const ignoring = mapping({ handler: failing("c") }, "test-ignoring");
    expect(await ignoring.drain()).toMatchObject({ delivered: 3, deadLettered: 0 });
  });

  it("retries the whole batch when the handler throws", async () => {
    await put("a", "b");
    let calls = 0;
    const m = mapping({
      handler: recording(() => {
        if (calls++ === 0) throw new Error("downstream unavailable");
      }),
    });
    expect(await m.deliverBatch()).toMatchObject({ delivered: 0, failed: true });
    expect(await m.deliverBatch()).toMatchObject({ delivered: 2, failed: false });
    expect(batches).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
  });

  it("bisects a failing batch until the poison record is alone, then dead-letters only it", async () => {
    await put("a", "b", "c", "d");
    const m = mapping({
      handler: recording((data) => {
        if (data.includes("c")) throw new Error("cannot handle c");
      }),
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 1,
    });
    expect(await m.drain()).toMatchObject({ delivered: 3, deadLettered: 1 });
    expect(batches).toEqual([["a", "b", "c", "d"], ["a", "b"], ["c", "d"], ["c"], ["c"], ["d"]]);
    expect(deadLetters().map((entry) => text(entry.record as KinesisStreamRecord))).toEqual(["c"]);
  });

  it("dead-letters a poison record after maximumRetryAttempts and goes on with the records after it", async () => {
    const [, poison] = await put("a", "b", "c");
    const m = mapping({ handler: failing("b"), reportBatchItemFailures: true, maximumRetryAttempts: 2 });
    expect(await m.drain()).toMatchObject({ delivered: 2, deadLettered: 1 });
    expect(batches).toEqual([["a", "b", "c"], ["b", "c"], ["b", "c"], ["c"]]);
    const [entry] = deadLetters();
    expect(entry).toMatchObject({
      mapping: "test-mapping",
      source: STREAM,
      shard: "shardId-000000000000",
      sequence: poison?.sequenceNumber,
      reason: "RetryAttemptsExhausted",
      attempts: 3,
      error: expect.any(String),
      failedAt: clock.now(),
      redriveRequested: false,
    });
    expect(text(entry?.record as KinesisStreamRecord)).toBe("b");
  });

  it("dead-letters the whole batch that keeps throwing, as Lambda does, then goes on", async () => {
    await put("a", "b");
    let broken = true;
    const m = mapping({
      handler: recording(() => {
        if (broken) throw new Error("down");
      }),
      maximumRetryAttempts: 0,
    });
    expect(await m.drain()).toMatchObject({ delivered: 0, deadLettered: 2 });
    broken = false;
    await put("c");
    expect(await m.drain()).toMatchObject({ delivered: 1 });
    expect(deadLetters().map((entry) => [entry.attempts, entry.error])).toEqual([
      [1, "down"],
      [1, "down"],
    ]);
  });

  it("dead-letters records older than maximumRecordAgeMs without delivering them", async () => {
    await put("old");
    clock.advance(61_000);
    await put("fresh");
    const m = mapping({ handler: recording(), maximumRecordAgeMs: 60_000 });
    expect(await m.drain()).toMatchObject({ delivered: 1, deadLettered: 1 });
    expect(batches).toEqual([["fresh"]]);
    expect(deadLetters()).toMatchObject([{ reason: "RecordAgeExceeded", attempts: 0, error: undefined }]);
  });

  it("redelivers from the checkpoint when the handler dies after part of the work (unbounded retries)", async () => {
    await put("a", "b");
    const done: string[] = [];
    let crashed = false;
    const m = mapping({
      handler: async ({ Records }) => {
        for (const record of Records) {
          done.push(text(record));
          if (!crashed) {
            crashed = true;
            throw new Error("process died");
          }
        }
      },
    });
    await expect(m.drain()).rejects.toThrow(/test-mapping/);
    await m.drain();
    expect(done).toEqual(["a", "a", "b"]);
  });
});
