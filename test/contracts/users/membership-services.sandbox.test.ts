import { describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { sequentialIds } from "../../../src/platform/time/id-generator.port.ts";
import { SandboxFloatService } from "../../../src/users/adapters/sandbox/float-service.sandbox.ts";
import { SandboxSubscriptionService } from "../../../src/users/adapters/sandbox/subscription-service.sandbox.ts";
import { SandboxUnderwritingService } from "../../../src/users/adapters/sandbox/underwriting-service.sandbox.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { floatServiceContract, underwritingServiceContract } from "./float-and-underwriting.contract.ts";
import { subscriptionServiceContract } from "./subscription-service.contract.ts";

const world = () => {
  const clock = new ManualClock(TEST_NOW);
  const store = new SqliteTableStore(openSqlite(":memory:"), "test", clock);
  return {
    clock,
    store,
    subs: new SandboxSubscriptionService({ store, clock, ids: sequentialIds("sub") }),
    float: new SandboxFloatService({ store }),
    underwriting: new SandboxUnderwritingService({ store, clock }),
  };
};

subscriptionServiceContract("the sandbox", async () => {
  const w = world();
  return { service: w.subs, advance: (ms) => w.clock.advance(ms) };
});
floatServiceContract("the sandbox", async () => ({ service: world().float }));
underwritingServiceContract("the sandbox", async () => ({ service: world().underwriting }));

describe("the membership services' sandboxes", () => {
  it("keep their state in the embedded store, where another instance finds it", async () => {
    const w = world();
    await w.subs.activate("auth0|ada", {
      tier: "premium",
      tierVersion: "v1",
      term: "ANNUAL",
      priceCents: 9999,
      currency: "USD",
      idempotencyKey: "a",
    });
    const again = { store: w.store, clock: w.clock, ids: sequentialIds("other") };
    expect(await new SandboxSubscriptionService(again).currentPeriod("auth0|ada")).toMatchObject({
      tier: "premium",
    });
  });

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

  it("counts months in the calendar: a period from the 31st ends on the month's last day", async () => {
    const w = world();
    w.clock.set("2027-01-31T12:00:00.000Z");
    const s = await w.subs.activate("auth0|ada", {
      tier: "plus",
      tierVersion: "v1",
      term: "MONTHLY",
      priceCents: 999,
      currency: "USD",
      idempotencyKey: "a",
    });
    expect(s.period.end).toBe("2027-02-28T12:00:00.000Z");
    w.clock.set("2027-03-01T00:00:00.000Z");
    expect(await w.subs.currentPeriod("auth0|ada")).toMatchObject({
      start: "2027-02-28T12:00:00.000Z",
      end: "2027-03-31T12:00:00.000Z",
    });
  });
});
