import { createHash } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { beforeEach, describe, expect, it } from "vitest";
import { SqliteQueues } from "../../../src/platform/adapters/embedded/sqlite-queues.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";

const FIFO = "test-fetch.fifo";
const FIFO_DLQ = "test-fetch-dlq.fifo";
const BY_CONTENT = "test-content.fifo";
const STANDARD = "test-work";
const FIVE_MINUTES = 5 * 60_000;

describe("SqliteQueues: SQS FIFO queues (message groups, deduplication)", () => {
  let db: DatabaseSync;
  let clock: ManualClock;
  let queues: SqliteQueues;
  let dedup = 0;
  /** An entry of `group` with a fresh deduplication id. */
  const entry = (group: string, body: string) => ({ body, groupId: group, deduplicationId: `d-${++dedup}` });
  const bodies = (max = 10, visibilityMs = 30_000) =>
    queues.receive(FIFO, max, visibilityMs).map((message) => message.body);

  beforeEach(() => {
    db = new DatabaseSync(":memory:");
    clock = new ManualClock("2026-11-22T10:00:00Z");
    queues = new SqliteQueues(db, {
      queues: [
        { name: FIFO, fifo: true, redrivePolicy: { deadLetterQueue: FIFO_DLQ, maxReceiveCount: 2 } },
        { name: FIFO_DLQ, fifo: true },
        { name: BY_CONTENT, fifo: true, contentBasedDeduplication: true },
        { name: STANDARD },
      ],
      now: () => clock.now(),
    });
  });

  it("hands out a group's messages in send order, several in one receive, each with its group id", async () => {
    await queues.sendEntries(FIFO, [entry("g1", "a1"), entry("g2", "b1"), entry("g1", "a2")]);
    await queues.sendEntries(FIFO, [entry("g1", "a3")]);

    const received = queues.receive(FIFO, 10);

    expect(received.map((m) => [m.groupId, m.body])).toEqual([
      ["g1", "a1"],
      ["g2", "b1"],
      ["g1", "a2"],
      ["g1", "a3"],
    ]);
    expect(queues.list(FIFO).map((m) => m.groupId)).toEqual(["g1", "g2", "g1", "g1"]);
  });

  it("delivers nothing more of a group while one of its messages is in flight, other groups going on", async () => {
    await queues.sendEntries(FIFO, [entry("g1", "a1"), entry("g1", "a2"), entry("g2", "b1")]);

    const [first] = queues.receive(FIFO, 1);
    expect(first?.body).toBe("a1");
    expect(bodies()).toEqual(["b1"]);
    expect(bodies()).toEqual([]);
    queues.delete(FIFO, first?.receiptHandle ?? "");

    expect(bodies()).toEqual(["a2"]);
  });

  it("frees a group when its message's visibility times out, from that same message", async () => {
    await queues.sendEntries(FIFO, [entry("g1", "a1"), entry("g1", "a2")]);
    const [first] = queues.receive(FIFO, 1, 1000);
    clock.advance(999);
    expect(bodies()).toEqual([]);

    clock.advance(1);
    const again = queues.receive(FIFO, 10);

    expect(again.map((m) => [m.body, m.receiveCount])).toEqual([
      ["a1", 2],
      ["a2", 1],
    ]);
    expect(again[0]?.messageId).toBe(first?.messageId);
  });

  it("keeps a group blocked while any of its messages is still in flight", async () => {
    await queues.sendEntries(FIFO, [entry("g1", "a1"), entry("g1", "a2")]);
    const [a1] = queues.receive(FIFO, 10, 60_000);

    queues.changeVisibility(FIFO, a1?.receiptHandle ?? "", 0);

    expect(bodies()).toEqual([]);
  });

  it("takes a deduplication id once within five minutes of its first send, answering the first message's id", async () => {
    const [first] = await queues.sendEntries(FIFO, [{ body: "one", groupId: "g1", deduplicationId: "r-1" }]);
    const [inBatch, other] = await queues.sendEntries(FIFO, [
      { body: "one again", groupId: "g1", deduplicationId: "r-1" },
      { body: "two", groupId: "g1", deduplicationId: "r-2" },
    ]);
    const [received] = queues.receive(FIFO, 1);
    queues.delete(FIFO, received?.receiptHandle ?? "");
    clock.advance(FIVE_MINUTES - 1);
    const [late] = await queues.sendEntries(FIFO, [
      { body: "one late", groupId: "g1", deduplicationId: "r-1" },
    ]);

    expect(inBatch?.messageId).toBe(first?.messageId);
    expect(late?.messageId).toBe(first?.messageId);
    expect(other?.messageId).not.toBe(first?.messageId);
    expect(queues.list(FIFO).map((m) => m.body)).toEqual(["two"]);
  });

  it("takes the same deduplication id again once five minutes have passed", async () => {
    const [first] = await queues.sendEntries(FIFO, [{ body: "one", groupId: "g1", deduplicationId: "r-1" }]);
    clock.advance(FIVE_MINUTES);

    const [second] = await queues.sendEntries(FIFO, [
      { body: "one again", groupId: "g1", deduplicationId: "r-1" },
    ]);
    clock.advance(FIVE_MINUTES - 1);
    const [third] = await queues.sendEntries(FIFO, [
      { body: "thrice", groupId: "g1", deduplicationId: "r-1" },
    ]);

    expect(second?.messageId).not.toBe(first?.messageId);
    expect(third?.messageId).toBe(second?.messageId);
    expect(queues.list(FIFO).map((m) => m.body)).toEqual(["one", "one again"]);
  });

  it("deduplicates by the body's SHA-256 on a queue with content-based deduplication", async () => {
    const [first] = await queues.sendEntries(BY_CONTENT, [{ body: "same", groupId: "g1" }]);
    const [second] = await queues.sendEntries(BY_CONTENT, [{ body: "same", groupId: "g2" }]);

    const received = queues.receive(BY_CONTENT, 10);

    expect(second?.messageId).toBe(first?.messageId);
    expect(received).toMatchObject([
      {
        body: "same",
        groupId: "g1",
        deduplicationId: createHash("sha256").update("same").digest("hex"),
      },
    ]);
  });

  it("moves a message received maxReceiveCount times to the FIFO dead-letter queue, which frees its group", async () => {
    await queues.sendEntries(FIFO, [entry("g1", "poison"), entry("g1", "next")]);
    for (const _ of [1, 2]) {
      expect(bodies(1, 1000)).toEqual(["poison"]);
      clock.advance(1000);
    }

    expect(bodies()).toEqual(["next"]);
    expect(queues.list(FIFO_DLQ)).toMatchObject([{ body: "poison", groupId: "g1", inFlight: false }]);
    expect(() => queues.redrive(FIFO_DLQ, STANDARD)).toThrow(/FIFO/);
    expect(queues.redrive(FIFO_DLQ, FIFO)).toBe(1);
  });

  it("refuses a FIFO send without a group or deduplication id and a standard send with FIFO ids", async () => {
    await expect(queues.send(FIFO, "x")).rejects.toThrow(`queue ${FIFO}: entry 0: a FIFO queue takes only`);
    await expect(queues.sendBatch(FIFO, ["x"])).rejects.toThrow(/groupId \(MessageGroupId\)/);
    await expect(queues.sendEntries(FIFO, [{ body: "x", groupId: "g1" }])).rejects.toThrow(
      /a deduplicationId is required/,
    );
    await expect(
      queues.sendEntries(FIFO, [
        entry("g1", "ok"),
        { body: "x", groupId: "g".repeat(129), deduplicationId: "d" },
      ]),
    ).rejects.toThrow(`queue ${FIFO}: entry 1: groupId must be 1 to 128`);
    await expect(queues.sendEntries(STANDARD, [entry("g1", "x")])).rejects.toThrow(
      `queue ${STANDARD}: entry 0: groupId and deduplicationId are for FIFO queues; ${STANDARD} is standard`,
    );
    expect(queues.list(FIFO)).toEqual([]);
    expect(queues.list(STANDARD)).toEqual([]);
    await queues.sendEntries(STANDARD, [{ body: "plain" }]);
    expect(queues.list(STANDARD).map((m) => m.body)).toEqual(["plain"]);
  });

  it("refuses definitions SQS would refuse: FIFO names without .fifo, mixed kinds of dead-letter queue", () => {
    const define =
      (...queueDefinitions: ConstructorParameters<typeof SqliteQueues>[1]["queues"]) =>
      () =>
        new SqliteQueues(db, { queues: queueDefinitions });

    expect(define({ name: "test-fetch", fifo: true })).toThrow(
      "queue test-fetch: a FIFO queue's name must end in .fifo",
    );
    expect(define({ name: "test-x.fifo" })).toThrow(/only a FIFO queue's name ends in \.fifo/);
    expect(define({ name: "test-x", contentBasedDeduplication: true })).toThrow(/for FIFO queues only/);
    expect(
      define(
        { name: "a.fifo", fifo: true, redrivePolicy: { deadLetterQueue: "b", maxReceiveCount: 1 } },
        { name: "b" },
      ),
    ).toThrow("queue a.fifo: its dead-letter queue b must be a FIFO queue like it");
  });

  it("opens a queue file written before FIFO queues existed, its messages intact", async () => {
    const old = new DatabaseSync(":memory:");
    old.exec(`CREATE TABLE queue_messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE,
      body TEXT NOT NULL, sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL,
      receive_count INTEGER NOT NULL DEFAULT 0, first_received_at INTEGER, receipt_handle TEXT)`);
    old.exec(
      "INSERT INTO queue_messages (queue, message_id, body, sent_at, visible_at) VALUES ('test-work', 'm-1', 'kept', 0, 0)",
    );

    const reopened = new SqliteQueues(old, { queues: [{ name: STANDARD }, { name: FIFO, fifo: true }] });
    await reopened.sendEntries(FIFO, [entry("g1", "new")]);

    expect(reopened.receive(STANDARD, 10)).toMatchObject([{ messageId: "m-1", body: "kept" }]);
    expect(reopened.list(FIFO)).toMatchObject([{ body: "new", groupId: "g1" }]);
  });
});
