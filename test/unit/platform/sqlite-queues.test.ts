import { createHash } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import type { SQSRecord } from "aws-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import {
  type QueueBatchHandler,
  QueueEventSourceMapping,
} from "../../../src/platform/adapters/embedded/queue-event-source-mapping.ts";
import { RecordingMetrics } from "../../../src/platform/adapters/embedded/recording.metrics.ts";
import { SqliteQueues } from "../../../src/platform/adapters/embedded/sqlite-queues.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { SqliteCleanupQueue } from "../../../src/users/adapters/embedded/cleanup-queue.sqlite.ts";
import { testLogger } from "../../support/log-capture.ts";

const QUEUE = "test-work";
const DLQ = "test-work-dlq";

describe("SqliteQueues: SQS-like standard queues in SQLite", () => {
  let db: DatabaseSync;
  let clock: ManualClock;
  let queues: SqliteQueues;
  beforeEach(() => {
    db = new DatabaseSync(":memory:");
    clock = new ManualClock("2026-11-22T10:00:00Z");
    queues = new SqliteQueues(db, {
      queues: [{ name: QUEUE, redrivePolicy: { deadLetterQueue: DLQ, maxReceiveCount: 2 } }, { name: DLQ }],
      now: () => clock.now(),
    });
  });

  it("hides a received message for the visibility timeout, then hands it out again with a new handle", async () => {
    const sent = await queues.send(QUEUE, '{"n":1}');
    const [first] = queues.receive(QUEUE, 10, 30_000);
    expect(first).toEqual({
      messageId: sent.messageId,
      receiptHandle: expect.any(String),
      body: '{"n":1}',
      md5OfBody: createHash("md5").update('{"n":1}').digest("hex"),
      receiveCount: 1,
      sentAt: clock.now(),
      firstReceivedAt: clock.now(),
    });
    clock.advance(29_999);
    expect(queues.receive(QUEUE, 10, 30_000)).toEqual([]);
    clock.advance(1);
    const [second] = queues.receive(QUEUE, 10, 30_000);
    expect(second).toMatchObject({ messageId: sent.messageId, receiveCount: 2 });
    expect(queues.delete(QUEUE, first?.receiptHandle ?? "")).toBe(false);
    expect(queues.delete(QUEUE, second?.receiptHandle ?? "")).toBe(true);
    expect(queues.list(QUEUE)).toEqual([]);
  });

  it("changes the visibility of a message in flight only", async () => {
    await queues.send(QUEUE, "a");
    const [message] = queues.receive(QUEUE, 1, 60_000);
    expect(queues.list(QUEUE)).toMatchObject([{ body: "a", inFlight: true, receiveCount: 1 }]);
    expect(queues.changeVisibility(QUEUE, message?.receiptHandle ?? "", 0)).toBe(true);
    expect(queues.list(QUEUE)).toMatchObject([{ inFlight: false }]);
    expect(queues.changeVisibility(QUEUE, message?.receiptHandle ?? "", 10_000)).toBe(false);
    expect(queues.receive(QUEUE, 1)).toHaveLength(1);
  });

  it("moves a message received maxReceiveCount times to the dead-letter queue, and redrives it back", async () => {
    await queues.sendBatch(QUEUE, ["poison", "fine"]);
    for (const _ of [1, 2]) {
      expect(queues.receive(QUEUE, 1, 1000).map((m) => m.body)).toEqual(["poison"]);
      clock.advance(1000);
    }
    expect(queues.receive(QUEUE, 1, 1000).map((m) => m.body)).toEqual(["fine"]);
    expect(queues.list(DLQ)).toMatchObject([{ body: "poison", receiveCount: 0, inFlight: false }]);
    expect(queues.redrive(DLQ, QUEUE)).toBe(1);
    expect(queues.list(DLQ)).toEqual([]);
    expect(queues.receive(QUEUE, 10).map((m) => [m.body, m.receiveCount])).toEqual([["poison", 1]]);
  });

  it("keeps SQS's limits and refuses unknown queues by name", async () => {
    await expect(
      queues.sendBatch(
        QUEUE,
        Array.from({ length: 11 }, () => "x"),
      ),
    ).rejects.toThrow(/1 to 10/);
    await expect(queues.sendBatch(QUEUE, [])).rejects.toThrow(/1 to 10/);
    await expect(queues.send(QUEUE, "")).rejects.toThrow(/body/);
    await expect(queues.send("test-nope", "x")).rejects.toThrow(/test-nope/);
    expect(() => queues.receive(QUEUE, 11)).toThrow(/1 to 10/);
    expect(
      () =>
        new SqliteQueues(db, {
          queues: [{ name: "a", redrivePolicy: { deadLetterQueue: "b", maxReceiveCount: 1 } }],
        }),
    ).toThrow(/b/);
    expect(queues.list(QUEUE)).toEqual([]);
  });
});

describe("QueueEventSourceMapping: Lambda's SQS event source on the embedded queues", () => {
  let db: DatabaseSync;
  let clock: ManualClock;
  let queues: SqliteQueues;
  let batches: string[][];
  beforeEach(() => {
    db = new DatabaseSync(":memory:");
    clock = new ManualClock("2026-11-22T10:00:00Z");
    queues = new SqliteQueues(db, {
      queues: [{ name: QUEUE, redrivePolicy: { deadLetterQueue: DLQ, maxReceiveCount: 2 } }, { name: DLQ }],
      now: () => clock.now(),
    });
    batches = [];
  });
  const metrics = new RecordingMetrics();
  const mapping = (
    decide: (records: SQSRecord[]) => unknown,
    reportBatchItemFailures = true,
    idleMs = 250,
  ) => {
    const handler: QueueBatchHandler = async ({ Records }) => {
      batches.push(Records.map((r) => r.body));
      return decide(Records) as undefined;
    };
    const logger = testLogger("test");
    return new QueueEventSourceMapping({
      name: "test-cleanup",
      metrics,
      queues,
      queue: QUEUE,
      handler,
      logger,
      reportBatchItemFailures,
      idleMs,
      visibilityTimeoutMs: 5000,
    });
  };
  const failing =
    (...bodies: string[]) =>
    (records: SQSRecord[]) => ({
      batchItemFailures: records
        .filter((r) => bodies.includes(r.body))
        .map((r) => ({ itemIdentifier: r.messageId })),
    });

  it("hands SQS-shaped records and deletes only the messages not reported failed", async () => {
    const [sent] = await queues.sendBatch(QUEUE, ["a", "b", "c"]);
    let first: SQSRecord | undefined;
    const m = mapping((records) => {
      first ??= records[0];
      return failing("b")(records);
    });
    expect(await m.deliverBatch()).toEqual({ received: 3, deleted: 2, failed: 1 });
    const sentAt = String(clock.now().getTime());
    expect(first).toEqual({
      messageId: sent?.messageId,
      receiptHandle: expect.any(String),
      body: "a",
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: sentAt,
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: sentAt,
      },
      messageAttributes: {},
      md5OfBody: sent?.md5OfBody,
      eventSource: "aws:sqs",
      eventSourceARN: `arn:aws:sqs:local:000000000000:${QUEUE}`,
      awsRegion: "local",
    });
    expect(await m.drain()).toEqual({ received: 0, deleted: 0, failed: 0 });
    clock.advance(5000);
    expect(await m.deliverBatch()).toMatchObject({ received: 1, failed: 1 });
    clock.advance(5000);
    expect(await m.drain()).toEqual({ received: 0, deleted: 0, failed: 0 });
    expect(batches).toEqual([["a", "b", "c"], ["b"]]);
    expect(queues.list(DLQ).map((m) => m.body)).toEqual(["b"]);
  });

  it("leaves the whole batch on a throw or a failure naming no message of it", async () => {
    await queues.sendBatch(QUEUE, ["a", "b"]);
    const throwing = mapping(() => {
      throw new Error("down");
    });
    expect(await throwing.deliverBatch()).toEqual({ received: 2, deleted: 0, failed: 2 });
    clock.advance(5000);
    const unknown = mapping(() => ({ batchItemFailures: [{ itemIdentifier: "nope" }] }));
    expect(await unknown.deliverBatch()).toEqual({ received: 2, deleted: 0, failed: 2 });
    expect(queues.list(QUEUE).map((m) => [m.body, m.receiveCount])).toEqual([
      ["a", 2],
      ["b", 2],
    ]);
  });

  it("ignores batchItemFailures unless they are enabled", async () => {
    await queues.send(QUEUE, "a");
    expect(await mapping(failing("a"), false).drain()).toEqual({ received: 1, deleted: 1, failed: 0 });
  });

  it("wakes on a send in the same process and stops cleanly", async () => {
    const m = mapping(() => undefined, true, 3_600_000);
    m.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queues.send(QUEUE, "late");
    await expect.poll(() => batches).toEqual([["late"]]);
    await m.stop();
    expect(queues.list(QUEUE)).toEqual([]);
  });

  it("counts roster.deadletter.records when the redrive policy moves a message to the dead-letter queue", async () => {
    await queues.send(QUEUE, "poison");
    const m = mapping(failing("poison"), true, 10);
    m.start();
    await expect.poll(() => batches.length).toBe(1);
    clock.advance(5_000);
    await expect.poll(() => batches.length).toBe(2);
    clock.advance(5_000);
    await expect
      .poll(() => queues.list(DLQ).map((message) => message.body), { timeout: 5_000 })
      .toEqual(["poison"]);
    await m.stop();
    expect(metrics.recorded("roster.deadletter.records")).toEqual([
      { name: "roster.deadletter.records", value: 1, dimensions: { mapping: "test-cleanup", source: QUEUE } },
    ]);
  });

  it("receives what the cleanup queue adapter sends, on the same queues", async () => {
    const cleanupQueues = new SqliteQueues(db, {
      queues: [{ name: "test-user-service-cleanup" }],
      now: () => clock.now(),
    });
    const cleanup = new SqliteCleanupQueue(db, () => clock.now(), {
      queue: "test-user-service-cleanup",
      queues: cleanupQueues,
    });
    const message = {
      user_id: "auth0|1",
      reason: "CANCEL",
      requested_at: "2026-11-01T00:00:00.000Z",
    } as const;
    await cleanup.send(message);
    expect(cleanup.messages()).toMatchObject([
      { message, sent_at: clock.now().toISOString(), receiveCount: 0 },
    ]);
    const [received] = cleanupQueues.receive("test-user-service-cleanup", 1);
    expect(JSON.parse(received?.body ?? "")).toEqual(message);
  });
});
