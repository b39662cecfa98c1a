import { describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { SandboxFloatService } from "../../../src/users/adapters/sandbox/float-service.sandbox.ts";
import { SandboxUnderwritingService } from "../../../src/users/adapters/sandbox/underwriting-service.sandbox.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { floatServiceContract, underwritingServiceContract } from "./float-and-underwriting.contract.ts";

const world = () => {
  const clock = new ManualClock(TEST_NOW);
  const store = new SqliteTableStore(openSqlite(":memory:"), "test", clock);
  return {
    clock,
    store,
    float: new SandboxFloatService({ store }),
    underwriting: new SandboxUnderwritingService({ store, clock }),
  };
};

floatServiceContract("the sandbox", async () => ({ service: world().float }));
underwritingServiceContract("the sandbox", async () => ({ service: world().underwriting }));

describe("the membership services' sandboxes", () => {
  it("let a test set a float balance, and record each underwriting recalculation", async () => {
    const w = world();
    await w.float.setOutstandingBalance("auth0|ada", 1500);
    expect(await w.float.outstandingBalance("auth0|ada")).toEqual({ amountCents: 1500, currency: "USD" });
    await w.float.setOutstandingBalance("auth0|float-owes", 0);
    expect((await w.float.outstandingBalance("auth0|float-owes")).amountCents).toBe(0);
    await w.underwriting.recalculate("auth0|ada");
    await w.underwriting.recalculate("auth0|ada");
    expect(await w.underwriting.recalculations("auth0|ada")).toHaveLength(2);
  });
});
