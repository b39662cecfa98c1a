import { describe, expect, it } from "vitest";
import type { FetchRequest } from "../../../src/purchases/domain/fetch-request.ts";
import { StoreApiError } from "../../../src/purchases/domain/store-api.errors.ts";
import { handleFetchMessages } from "../../../src/purchases/workers/fetch.worker.ts";
import { sqsRecord } from "../../support/lambda-events.ts";
import { testLogger } from "../../support/log-capture.ts";
import { appleState, purchasesCore } from "../../support/purchases-core.ts";

const logger = testLogger("purchases-fetch-groups");

/** A fetch as the FIFO queue delivers it: grouped by its subscription. */
function fetchRecord(storeId: string, n = 1) {
  const request: FetchRequest = {
    platform: "apple",
    app: "dev.roster.app",
    environment: "sandbox",
    storeId,
    reason: "notification",
    requestId: `apple:${storeId}:${n}`,
  };
  return sqsRecord(request, { fifo: { groupId: `apple:${storeId}`, deduplicationId: request.requestId } });
}

const until = async (done: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await done()); i += 1) await new Promise((r) => setTimeout(r, 5));
};

/**
 * One batch of the FIFO queue holds several subscriptions' fetches (one message group each). A slow
 * store answer for one subscription holds back only that subscription; a failure fails its message and
 * the later ones of its group (SQS gives them again, in order) and nothing of the other groups.
 */
describe("the fetch worker's message groups", () => {
  it("stores the other subscriptions of a batch while one subscription's store call is still waiting", async () => {
    const core = purchasesCore();
    const ids = ["2000000000000201", "2000000000000202", "2000000000000203"];
    for (const id of ids) core.stores.set(appleState({ storeId: id }));
    const release = core.stores.hold("2000000000000201");
    const deps = { ...core.deps, logger };

    const answer = handleFetchMessages(
      deps,
      ids.map((id) => fetchRecord(id)),
    );
    await until(async () => (await core.deps.purchases.get("apple:2000000000000203")) !== undefined);
    const whileHeld = await Promise.all(ids.map((id) => core.deps.purchases.get(`apple:${id}`)));
    release();

    expect(whileHeld.map((stored) => stored?.state)).toEqual([undefined, "ACTIVE", "ACTIVE"]);
    expect(await answer).toEqual({ batchItemFailures: [] });
    expect(await core.deps.purchases.get("apple:2000000000000201")).toMatchObject({ state: "ACTIVE" });
  });

  it("fails a group from its failed message on, in order, and completes the other groups", async () => {
    const core = purchasesCore();
    core.stores.set(appleState({ storeId: "2000000000000301" }));
    core.stores.set(
      new StoreApiError("the store is unavailable", { retryable: true, status: 503 }),
      "2000000000000302",
    );
    const deps = { ...core.deps, logger };
    const first = fetchRecord("2000000000000302", 1);
    const second = fetchRecord("2000000000000302", 2);
    const other = fetchRecord("2000000000000301");

    const answer = await handleFetchMessages(deps, [first, other, second]);

    expect(answer.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      [first.messageId, second.messageId].sort(),
    );
    expect(core.stores.calls.filter((id) => id === "2000000000000302")).toHaveLength(1);
    expect(await core.deps.purchases.get("apple:2000000000000301")).toMatchObject({ state: "ACTIVE" });
    expect(await core.deps.purchases.get("apple:2000000000000302")).toBeUndefined();
  });
});
