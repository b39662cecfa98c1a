import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import type { DynamoDBRecord, KinesisStreamRecord } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { changeLogSource } from "../../../src/platform/adapters/embedded/change-log.source.ts";
import {
  type BatchHandler,
  EventSourceMapping,
} from "../../../src/platform/adapters/embedded/event-source-mapping.ts";
import { eventSourceMapping } from "../../../src/platform/adapters/embedded/event-sources.ts";
import { kinesisSource } from "../../../src/platform/adapters/embedded/kinesis.source.ts";
import { RecordingMetrics } from "../../../src/platform/adapters/embedded/recording.metrics.ts";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteStreams } from "../../../src/platform/adapters/embedded/sqlite-streams.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { eventSourceDefaults, localConfigSchema } from "../../../src/platform/config/local.config.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { localChannels } from "../../../src/runtime/local/local-channels.ts";
import { contractTables } from "../../contracts/platform/table-store.contract.ts";
import { testLogger } from "../../support/log-capture.ts";

const STREAM = "test-subscriptions";
const logger = testLogger("test");
const text = (record: KinesisStreamRecord) => Buffer.from(record.kinesis.data, "base64").toString("utf8");

/** One "process": its own connection to the file, its own streams and mapping. */
function processOn(path: string, handler: BatchHandler<KinesisStreamRecord>, idleMs = 250) {
  const db = openSqlite(path);
  const streams = new SqliteStreams(db, { streams: [{ name: STREAM, shards: 3, retentionHours: 24 }] });
  const mapping = new EventSourceMapping({
    name: "test-consumer",
    db,
    source: kinesisSource(streams, STREAM),
    handler,
    logger,
    idleMs,
  });
  return { db, streams, mapping };
}

describe("EventSourceMapping in the local process: shards, restarts, start and stop", () => {
  const open: DatabaseSync[] = [];
  const file = () => join(mkdtempSync(join(tmpdir(), "roster-esm-test-")), "roster.sqlite");
  const started = (p: ReturnType<typeof processOn>) => {
    open.push(p.db);
    return p;
  };
  afterEach(() => {
    for (const db of open.splice(0)) if (db.isOpen) db.close();
  });

  it("keeps each partition key's order across shards", async () => {
    const seen: string[] = [];
    const p = started(processOn(":memory:", async ({ Records }) => void seen.push(...Records.map(text))));
    const records = Array.from({ length: 30 }, (_, i) => ({
      partitionKey: `user-${i % 5}`,
      data: `${i % 5}:${i}`,
    }));
    await p.streams.put(STREAM, records);
    expect(await p.mapping.drain()).toMatchObject({ delivered: 30 });
    for (let key = 0; key < 5; key++) {
      const own = seen.filter((data) => data.startsWith(`${key}:`));
      expect(own).toEqual(records.filter((r) => r.partitionKey === `user-${key}`).map((r) => r.data));
    }
  });

  it("resumes from the checkpoint after a restart, and another mapping keeps its own", async () => {
    const path = file();
    const seen: string[] = [];
    const handler: BatchHandler<KinesisStreamRecord> = async ({ Records }) =>
      void seen.push(...Records.map(text));
    const first = processOn(path, handler);
    await first.streams.put(STREAM, [{ partitionKey: "a", data: "before" }]);
    await first.mapping.drain();
    first.db.close();

    const second = started(processOn(path, handler));
    await second.streams.put(STREAM, [{ partitionKey: "a", data: "after" }]);
    await second.mapping.drain();
    expect(seen).toEqual(["before", "after"]);
    const other = new EventSourceMapping({
      name: "test-other",
      db: second.db,
      source: kinesisSource(second.streams, STREAM),
      handler,
      logger,
    });
    await other.drain();
    expect(seen).toEqual(["before", "after", "before", "after"]);
  });

  it("wakes on an append in the same process instead of waiting for the poll", async () => {
    const seen: string[] = [];
    // An hour of idling: only the append can wake the shard loops within the test.
    const p = started(
      processOn(":memory:", async ({ Records }) => void seen.push(...Records.map(text)), 3_600_000),
    );
    p.mapping.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await p.streams.put(STREAM, [
      { partitionKey: "a", data: "1" },
      { partitionKey: "b", data: "2" },
    ]);
    await expect.poll(() => [...seen].sort()).toEqual(["1", "2"]);
    await p.mapping.stop();
  });

  it("lets the batch in flight finish and checkpoint on stop; a new process does not redeliver it", async () => {
    const path = file();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    let entered = false;
    const p = processOn(path, async ({ Records }) => {
      entered = true;
      await gate;
      seen.push(...Records.map(text));
    });
    await p.streams.put(STREAM, [{ partitionKey: "a", data: "in flight" }]);
    p.mapping.start();
    await expect.poll(() => entered).toBe(true);
    const stopping = p.mapping.stop();
    release();
    await stopping;
    p.db.close();
    const again = started(processOn(path, async ({ Records }) => void seen.push(...Records.map(text))));
    expect(await again.mapping.drain()).toMatchObject({ delivered: 0 });
    expect(seen).toEqual(["in flight"]);
  });

  it("maps a table's change log as DynamoDB Streams records, failures reported by SequenceNumber", async () => {
    const db = openSqlite(":memory:");
    open.push(db);
    const store = new SqliteTableStore(db, "test", new ManualClock("2026-11-22T10:00:00Z"));
    for (const n of [1, 2, 3]) await store.put(contractTables.things, { PK: `U#${n}`, SK: "A", n });
    const batches: string[][] = [];
    let calls = 0;
    const handler: BatchHandler<DynamoDBRecord> = async ({ Records }) => {
      batches.push(Records.map((r) => r.dynamodb?.Keys?.PK?.S ?? ""));
      const second = Records[1]?.dynamodb?.SequenceNumber ?? "";
      return calls++ === 0 ? { batchItemFailures: [{ itemIdentifier: second }] } : undefined;
    };
    const source = changeLogSource(store.changes, "test-contract-things");
    const mapping = new EventSourceMapping({
      name: "test-projector",
      db,
      source,
      handler,
      logger,
      reportBatchItemFailures: true,
    });
    expect(await mapping.deliverBatch()).toMatchObject({ delivered: 1, failed: true });
    expect(await mapping.deliverBatch()).toMatchObject({ delivered: 2, failed: false });
    expect(batches).toEqual([
      ["U#1", "U#2", "U#3"],
      ["U#2", "U#3"],
    ]);
  });
});

describe("the runtime's event source mappings", () => {
  it("refuses a declaration with unbounded retries (-1): one poison record would hold back every later one", () => {
    const db = openSqlite(":memory:");
    const store = new SqliteTableStore(db, "test", new ManualClock("2026-11-22T10:00:00Z"));
    const channels = localChannels(db, { ...localConfigSchema.parse({}), STAGE: "test" }, []);
    const declaration = {
      name: "test-unbounded",
      changesOf: contractTables.things,
      settings: { maximumRetryAttempts: -1 },
      handler: async () => undefined,
    };
    const defaults = eventSourceDefaults(localConfigSchema.parse({}));
    const parts = { db, store, channels, logger, metrics: new RecordingMetrics(), defaults };
    expect(() => eventSourceMapping(declaration, parts)).toThrow(
      "mapping test-unbounded: unbounded retries (-1) would let one poison record hold back every later one",
    );
    db.close();
  });
});
