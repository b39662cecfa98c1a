import { describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import {
  arraySandboxTable,
  SandboxArrayService,
} from "../../../src/users/adapters/sandbox/array-service.sandbox.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { arrayServiceContract } from "./array-service.contract.ts";

const sandbox = () => {
  const clock = new ManualClock(TEST_NOW);
  const store = new SqliteTableStore(openSqlite(":memory:"), "test", clock);
  return { store, clock, array: new SandboxArrayService({ store, clock }) };
};

arrayServiceContract("the sandbox", async () => {
  const { array } = sandbox();
  return { service: array, scheduled: (userId) => array.scheduled(userId) };
});

describe("the Array sandbox", () => {
  it("records when the cleanup was first scheduled, and keeps it in the embedded store", async () => {
    const first = sandbox();
    await first.array.scheduleCleanup("auth0|ada", "cleanup:auth0|ada:1");
    first.clock.advance(60_000);
    const second = new SandboxArrayService({ store: first.store, clock: first.clock });
    await second.scheduleCleanup("auth0|ada", "cleanup:auth0|ada:2");
    expect(await second.scheduled("auth0|ada")).toEqual({
      idempotencyKey: "cleanup:auth0|ada:1",
      scheduledAt: TEST_NOW,
    });
  });

  it("writes nothing when it is steered to fail", async () => {
    const { array, store } = sandbox();
    await expect(array.scheduleCleanup("auth0|array-down-1", "k")).rejects.toThrow();
    await expect(array.scheduleCleanup("auth0|array-fail-1", "k")).rejects.toThrow();
    for (const partition of ["CLEANUP#auth0|array-down-1", "CLEANUP#auth0|array-fail-1"]) {
      expect((await store.query(arraySandboxTable, { partition })).items).toEqual([]);
    }
  });
});
