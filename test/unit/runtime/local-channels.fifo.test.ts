import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { localConfigSchema } from "../../../src/platform/config/local.config.ts";
import type { QueueDeclaration } from "../../../src/platform/events/channel.contract.ts";
import { localChannels } from "../../../src/runtime/local/local-channels.ts";

const config = { ...localConfigSchema.parse({}), STAGE: "test", ROSTER_QUEUE_MAX_RECEIVES: 1 };
const owner = (...queues: QueueDeclaration[]) => ({ streams: [], consumes: [], queues });
const fetchQueue: QueueDeclaration = {
  name: "fetch",
  physicalName: (stage) => `${stage}-purchases-fetch.fifo`,
  deadLetterName: (stage) => `${stage}-purchases-fetch-dlq.fifo`,
  fifo: true,
};

describe("the local runtime's queues from the services' declarations", () => {
  it("creates a queue declared fifo as a FIFO queue, its dead-letter queue FIFO too", async () => {
    const { queues, queueNames } = localChannels(new DatabaseSync(":memory:"), config, [owner(fetchQueue)]);
    const { queue, deadLetters } = queueNames.fetch as { queue: string; deadLetters: string };

    await queues.sendEntries(queue, [{ body: "a1", groupId: "g1", deduplicationId: "r-1" }]);
    await queues.sendEntries(queue, [{ body: "a1 again", groupId: "g1", deduplicationId: "r-1" }]);
    queues.receive(queue, 10, 0);
    queues.receive(queue, 10, 0);

    expect(queueNames.fetch).toEqual({
      queue: "test-purchases-fetch.fifo",
      deadLetters: "test-purchases-fetch-dlq.fifo",
    });
    await expect(queues.send(queue, "no group")).rejects.toThrow(/groupId/);
    expect(queues.list(deadLetters)).toMatchObject([{ body: "a1", groupId: "g1" }]);
  });

  it("refuses a FIFO declaration whose names lack .fifo, and a standard one whose names have it", () => {
    const db = new DatabaseSync(":memory:");
    const unsuffixed = { ...fetchQueue, deadLetterName: (stage: string) => `${stage}-purchases-fetch-dlq` };
    const { fifo: _, ...standard } = fetchQueue;

    expect(() => localChannels(db, config, [owner(unsuffixed)])).toThrow(
      "queue fetch: it is FIFO, so its name test-purchases-fetch-dlq must end in .fifo",
    );
    expect(() => localChannels(db, config, [owner(standard)])).toThrow(
      "queue fetch: test-purchases-fetch.fifo ends in .fifo but it is not declared fifo: true",
    );
  });
});
