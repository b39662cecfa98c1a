import { DatabaseSync } from "node:sqlite";
import { processPartialResponse, SqsFifoPartialProcessorAsync } from "@aws-lambda-powertools/batch";
import type { SQSBatchResponse, SQSRecord } from "aws-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import {
  type QueueBatchHandler,
  QueueEventSourceMapping,
} from "../../../src/platform/adapters/embedded/queue-event-source-mapping.ts";
import { SqliteQueues } from "../../../src/platform/adapters/embedded/sqlite-queues.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { testLogger } from "../../support/log-capture.ts";

const FIFO = "test-fetch.fifo";
const FIFO_DLQ = "test-fetch-dlq.fifo";
const VISIBILITY_MS = 5000;

describe("QueueEventSourceMapping on a FIFO queue: Lambda's rule that a failure stops its group", () => {
  let clock: ManualClock;
  let queues: SqliteQueues;
  let batches: string[][];
  let n = 0;
  const send = (...entries: [group: string, body: string][]) =>
    queues.sendEntries(
      FIFO,
      entries.map(([groupId, body]) => ({ body, groupId, deduplicationId: `d-${++n}` })),
    );
  const mapping = (
    decide: (records: SQSRecord[]) => Promise<SQSBatchResponse | undefined>,
    batchSize = 10,
  ) => {
    const handler: QueueBatchHandler = async ({ Records }) => {
      batches.push(Records.map((r) => r.body));
      return decide(Records);
    };
    return new QueueEventSourceMapping({
      queues,
      queue: FIFO,
      handler,
      logger: testLogger("test"),
      reportBatchItemFailures: true,
      batchSize,
      visibilityTimeoutMs: VISIBILITY_MS,
    });
  };
  /** A handler that reports only these bodies failed, and every other message handled. */
  const failingOnly =
    (...bodies: string[]) =>
    async (records: SQSRecord[]) => ({
      batchItemFailures: records
        .filter((r) => bodies.includes(r.body))
        .map((r) => ({ itemIdentifier: r.messageId })),
    });

  beforeEach(() => {
    clock = new ManualClock("2026-11-22T10:00:00Z");
    queues = new SqliteQueues(new DatabaseSync(":memory:"), {
      queues: [
        { name: FIFO, fifo: true, redrivePolicy: { deadLetterQueue: FIFO_DLQ, maxReceiveCount: 3 } },
        { name: FIFO_DLQ, fifo: true },
      ],
      now: () => clock.now(),
    });
    batches = [];
  });

  it("names the message group and deduplication id in the record's attributes, as Lambda does", async () => {
    await queues.sendEntries(FIFO, [{ body: "a1", groupId: "g1", deduplicationId: "r-1" }]);
    let record: SQSRecord | undefined;

    await mapping(async (records) => {
      record = records[0];
      return undefined;
    }).deliverBatch();

    expect(record?.attributes).toMatchObject({
      MessageGroupId: "g1",
      MessageDeduplicationId: "r-1",
      ApproximateReceiveCount: "1",
    });
    expect(record?.eventSourceARN).toBe(`arn:aws:sqs:local:000000000000:${FIFO}`);
  });

  it("leaves a failed message and the later ones of its group on the queue, whatever the handler said of them", async () => {
    await send(["g1", "a1"], ["g1", "a2"], ["g2", "b1"], ["g1", "a3"], ["g2", "b2"]);
    const m = mapping(failingOnly("a2"));

    const outcome = await m.deliverBatch();

    expect(outcome).toEqual({ received: 5, deleted: 3, failed: 2 });
    expect(queues.list(FIFO).map((message) => message.body)).toEqual(["a2", "a3"]);
    clock.advance(VISIBILITY_MS);
    expect(await mapping(failingOnly()).drain()).toEqual({ received: 2, deleted: 2, failed: 0 });
    expect(batches).toEqual([
      ["a1", "a2", "b1", "a3", "b2"],
      ["a2", "a3"],
    ]);
  });

  it("keeps the group's order with Powertools' FIFO processor skipping only the failed group", async () => {
    await send(["g1", "a1"], ["g2", "b1"], ["g1", "a2"], ["g2", "b2"]);
    const handled: string[] = [];
    let attempts = 0;
    const m = mapping((records) =>
      processPartialResponse(
        { Records: records },
        async (record: SQSRecord) => {
          if (record.body === "a1" && attempts++ === 0) throw new Error("store down");
          handled.push(record.body);
        },
        new SqsFifoPartialProcessorAsync(),
        { skipGroupOnError: true, throwOnFullBatchFailure: false },
      ),
    );

    expect(await m.deliverBatch()).toEqual({ received: 4, deleted: 2, failed: 2 });
    clock.advance(VISIBILITY_MS);
    await m.drain();

    expect(handled).toEqual(["b1", "b2", "a1", "a2"]);
    expect(queues.list(FIFO)).toEqual([]);
  });

  // One message a batch: the later ones a failure stops count receives too, and would follow it (as on AWS).
  it("moves a message that keeps failing to the dead-letter queue, then delivers the rest of its group", async () => {
    await send(["g1", "poison"], ["g1", "next"]);
    const m = mapping(failingOnly("poison"), 1);
    for (const _ of [1, 2, 3]) {
      expect(await m.deliverBatch()).toEqual({ received: 1, deleted: 0, failed: 1 });
      clock.advance(VISIBILITY_MS);
    }

    expect(await m.drain()).toEqual({ received: 1, deleted: 1, failed: 0 });
    expect(queues.list(FIFO_DLQ)).toMatchObject([{ body: "poison", groupId: "g1" }]);
    expect(batches.at(-1)).toEqual(["next"]);
  });
});
