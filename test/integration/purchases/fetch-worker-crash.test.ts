import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { QueueEventSourceMapping } from "../../../src/platform/adapters/embedded/queue-event-source-mapping.ts";
import { SqliteQueues } from "../../../src/platform/adapters/embedded/sqlite-queues.ts";
import { QueueFetchQueue } from "../../../src/purchases/adapters/queue/fetch.queue.ts";
import { receiveNotification } from "../../../src/purchases/use-cases/notifications/receive-notification.use-case.ts";
import { handleFetchMessages } from "../../../src/purchases/workers/fetch.worker.ts";
import { testLogger } from "../../support/log-capture.ts";
import { appleState, purchasesCore } from "../../support/purchases-core.ts";

const state = (storeId: string, signedAt: string) => appleState({ storeId, signedAt: new Date(signedAt) });

const QUEUE = "test-purchases-fetch.fifo";
const logger = testLogger("purchases-fetch-crash");

/**
 * The fetch worker on the embedded FIFO queue with Lambda's event source mapping semantics, crashing
 * in the middle of a batch (the process dies: the invocation fails as a whole, nothing is deleted).
 * SQS gives the batch again after the visibility timeout: every subscription ends stored once (version
 * 1: the repeated fetches found nothing newer), nothing is left on the queue or dead-lettered.
 */
describe("a crash of the fetch worker mid-batch", () => {
  it("loses nothing and repeats nothing harmful: each subscription stored once, in order", async () => {
    const core = purchasesCore();
    let now = new Date("2026-12-01T12:00:00Z");
    const queues = new SqliteQueues(new DatabaseSync(":memory:"), {
      queues: [
        { name: QUEUE, fifo: true, redrivePolicy: { deadLetterQueue: "dlq.fifo", maxReceiveCount: 5 } },
        { name: "dlq.fifo", fifo: true },
      ],
      now: () => now,
    });
    const deps = { ...core.deps, fetchQueue: new QueueFetchQueue(queues, QUEUE), logger };
    for (const [i, id] of ["2000000000000101", "2000000000000102", "2000000000000103"].entries()) {
      core.stores.set(state(id, `2026-12-01T12:00:0${i}Z`));
      for (const n of [1, 2])
        await receiveNotification(deps, {
          platform: "apple",
          notificationId: `n-${id}-${n}`,
          type: n === 1 ? "SUBSCRIBED.INITIAL_BUY" : "DID_RENEW",
          app: "dev.roster.app",
          environment: "sandbox",
          sentAt: now,
          storeId: id,
          outcome: "fetch",
        });
    }
    let invocations = 0;
    const mapping = new QueueEventSourceMapping({
      queues,
      queue: QUEUE,
      logger,
      batchSize: 10,
      visibilityTimeoutMs: 30_000,
      reportBatchItemFailures: true,
      handler: async (event) => {
        invocations += 1;
        if (invocations > 1) return handleFetchMessages(deps, event.Records);
        await handleFetchMessages(deps, event.Records.slice(0, 2));
        throw new Error("the worker's process died mid-batch");
      },
    });

    const crashed = await mapping.drain();
    now = new Date(now.getTime() + 31_000);
    const redelivered = await mapping.drain();

    expect(crashed).toEqual({ received: 6, deleted: 0, failed: 6 });
    expect(redelivered).toMatchObject({ received: 6, deleted: 6, failed: 0 });
    expect(queues.list(QUEUE)).toEqual([]);
    expect(queues.list("dlq.fifo")).toEqual([]);
    for (const id of ["2000000000000101", "2000000000000102", "2000000000000103"]) {
      expect(await core.deps.purchases.get(`apple:${id}`)).toMatchObject({ version: 1, state: "ACTIVE" });
      const calls = core.stores.calls.filter((call) => call === id).length;
      expect(calls).toBeGreaterThanOrEqual(2);
    }
  });
});
