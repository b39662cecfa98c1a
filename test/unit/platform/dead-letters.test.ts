import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import type { KinesisStreamRecord } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeadLetters } from "../../../src/platform/adapters/embedded/dead-letters.ts";
import { EventSourceMapping } from "../../../src/platform/adapters/embedded/event-source-mapping.ts";
import { kinesisSource } from "../../../src/platform/adapters/embedded/kinesis.source.ts";
import { RecordingMetrics } from "../../../src/platform/adapters/embedded/recording.metrics.ts";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteStreams } from "../../../src/platform/adapters/embedded/sqlite-streams.ts";
import { testLogger } from "../../support/log-capture.ts";

const STREAM = "test-users";
const text = (record: unknown) =>
  Buffer.from((record as KinesisStreamRecord).kinesis.data, "base64").toString("utf8");

describe("DeadLetters: the on-failure destination and its redrive", () => {
  let db: DatabaseSync;
  let cli: DatabaseSync;
  let streams: SqliteStreams;
  let broken: Set<string>;
  let seen: string[];
  let metrics: RecordingMetrics;
  beforeEach(() => {
    metrics = new RecordingMetrics();
    const path = join(mkdtempSync(join(tmpdir(), "roster-dlq-test-")), "roster.sqlite");
    db = openSqlite(path);
    // A second connection to the file stands for the redrive CLI in another process.
    cli = openSqlite(path);
    streams = new SqliteStreams(db, { streams: [{ name: STREAM, shards: 1, retentionHours: 24 }] });
    broken = new Set(["b"]);
    seen = [];
  });
  afterEach(() => {
    db.close();
    cli.close();
  });
  const mapping = (name = "test-mapping") =>
    new EventSourceMapping<KinesisStreamRecord>({
      name,
      db,
      metrics,
      source: kinesisSource(streams, STREAM),
      logger: testLogger("test"),
      maximumRetryAttempts: 0,
      reportBatchItemFailures: true,
      handler: async ({ Records }) => {
        seen.push(...Records.map(text));
        const failed = Records.filter((r) => broken.has(text(r)));
        return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber })) };
      },
    });
  const put = (...data: string[]) =>
    streams.put(
      STREAM,
      data.map((d) => ({ partitionKey: "user-1", data: d })),
    );

  it("lists entries by mapping, oldest first, with what failed and why", async () => {
    await put("a", "b");
    await mapping().drain();
    await put("b");
    await mapping("test-second").drain();
    const letters = new DeadLetters(cli);
    expect(letters.list().map((entry) => [entry.mapping, text(entry.record)])).toEqual([
      ["test-mapping", "b"],
      ["test-second", "b"],
      ["test-second", "b"],
    ]);
    expect(letters.list("test-mapping")).toMatchObject([
      { source: STREAM, reason: "RetryAttemptsExhausted", attempts: 1, redriveRequested: false },
    ]);
  });

  it("counts roster.deadletter.records per mapping and source when it gives records up", async () => {
    await put("a", "b");
    await mapping().drain();
    await put("b", "c");
    await mapping("test-second").drain();
    expect(metrics.recorded("roster.deadletter.records")).toEqual([
      {
        name: "roster.deadletter.records",
        value: 1,
        dimensions: { mapping: "test-mapping", source: STREAM },
      },
      { name: "roster.deadletter.records", value: 1, dimensions: { mapping: "test-second", source: STREAM } },
      { name: "roster.deadletter.records", value: 1, dimensions: { mapping: "test-second", source: STREAM } },
    ]);
  });

  it("redelivers a redrive requested from another process, one record a batch, and forgets it on success", async () => {
    await put("a", "b", "c");
    const m = mapping();
    await m.drain();
    expect(seen).toEqual(["a", "b", "c", "c"]);
    broken.clear();
    const letters = new DeadLetters(cli);
    expect(letters.redrive({ mapping: "test-mapping" })).toBe(1);
    expect(letters.list()).toMatchObject([{ redriveRequested: true }]);
    expect(await m.drain()).toMatchObject({ redriven: 1, delivered: 0 });
    expect(seen.at(-1)).toBe("b");
    expect(letters.list()).toEqual([]);
  });

  it("puts an entry that fails again back, one attempt more and no longer marked", async () => {
    await put("b");
    const m = mapping();
    await m.drain();
    const letters = new DeadLetters(cli);
    const [entry] = letters.list();
    expect(letters.redrive({ ids: [entry?.id ?? 0, 999] })).toBe(1);
    await m.drain();
    expect(letters.list()).toMatchObject([{ id: entry?.id, attempts: 2, redriveRequested: false }]);
    await m.drain();
    expect(seen).toEqual(["b", "b"]);
  });

  it("leaves another mapping's entries alone", async () => {
    await put("b");
    await mapping().drain();
    new DeadLetters(cli).redrive({ mapping: "test-mapping" });
    broken.clear();
    expect(await mapping("test-other").drain()).toMatchObject({ delivered: 1, redriven: 0 });
    expect(new DeadLetters(cli).list()).toMatchObject([{ mapping: "test-mapping", redriveRequested: true }]);
  });
});
