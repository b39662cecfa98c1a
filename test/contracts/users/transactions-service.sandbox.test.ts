import { describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { sequentialIds } from "../../../src/platform/time/id-generator.port.ts";
import {
  SandboxTransactionsService,
  transactionsSandboxTable,
} from "../../../src/users/adapters/sandbox/transactions-service.sandbox.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { transactionsServiceContract } from "./transactions-service.contract.ts";

const sandbox = (store = new SqliteTableStore(openSqlite(":memory:"), "test", new ManualClock(TEST_NOW))) => {
  const clock = new ManualClock(TEST_NOW);
  return {
    clock,
    store,
    service: new SandboxTransactionsService({ store, clock, ids: sequentialIds("kyc") }),
  };
};

transactionsServiceContract("the sandbox", async () => {
  const { clock, service } = sandbox();
  return { service, advance: (ms) => clock.advance(ms) };
});

describe("the Transactions Service sandbox", () => {
  it("keeps sessions and removals in the embedded store, where another instance finds them", async () => {
    const first = sandbox();
    const session = await first.service.startKycSession("auth0|ada", {
      provider: "persona",
      redirect_uri: "https://app.example/kyc/done",
    });
    await first.service.removePlaidItems("auth0|ada");
    const second = new SandboxTransactionsService({
      store: first.store,
      clock: first.clock,
      ids: sequentialIds("other"),
    });
    expect((await second.listKycSessions("auth0|ada", { limit: 5 })).items).toEqual([session]);
    expect(await second.listPlaidItems("auth0|ada")).toEqual([]);
  });

  it("documents its answers: ids from the generator, an hour to finish, First Platypus Bank", async () => {
    const { service } = sandbox();
    const session = await service.startKycSession("auth0|ada", {
      provider: "plaid_idv",
      redirect_uri: "roster://kyc/done",
    });
    expect(session).toEqual({
      kyc_session_id: "kyc-1",
      user_id: "auth0|ada",
      provider: "plaid_idv",
      status: "CREATED",
      session_url: "https://kyc-sandbox.invalid/plaid_idv/kyc-1",
      redirect_uri: "roster://kyc/done",
      created_at: TEST_NOW,
      expires_at: "2026-11-22T10:30:00.000Z",
    });
    const [item] = await service.listPlaidItems("auth0|ada");
    expect(item).toMatchObject({ institution_id: "ins_109508", institution_name: "First Platypus Bank" });
    expect(item?.item_id).toMatch(/^sandbox-item-[0-9a-f]{20}$/);
  });

  it("writes nothing when it is steered to fail", async () => {
    const { service, store } = sandbox();
    const request = { provider: "plaid_idv", redirect_uri: "roster://kyc/done" } as const;
    await expect(service.startKycSession("auth0|kyc-down", request)).rejects.toThrow();
    await expect(service.removePlaidItems("auth0|kyc-fail")).rejects.toThrow();
    for (const partition of ["KYC#auth0|kyc-down", "PLAID#auth0|kyc-fail"]) {
      expect((await store.query(transactionsSandboxTable, { partition })).items).toEqual([]);
    }
  });
});
