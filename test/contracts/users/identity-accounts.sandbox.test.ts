import { describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import {
  auth0SandboxTable,
  SandboxIdentityAccounts,
} from "../../../src/users/adapters/sandbox/identity-accounts.sandbox.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { identityAccountsContract } from "./identity-accounts.contract.ts";

const sandbox = () => {
  const clock = new ManualClock(TEST_NOW);
  const store = new SqliteTableStore(openSqlite(":memory:"), "test", clock);
  return { store, clock, accounts: new SandboxIdentityAccounts({ store, clock }) };
};

identityAccountsContract("the sandbox", async () => ({ accounts: sandbox().accounts }));

describe("the Auth0 sandbox", () => {
  it("keeps blocks in the embedded store, where another instance finds them", async () => {
    const first = sandbox();
    await first.accounts.block("auth0|ada");
    const second = new SandboxIdentityAccounts({ store: first.store, clock: first.clock });
    expect(await second.isBlocked("auth0|ada")).toBe(true);
  });

  it("writes nothing when it is steered to fail", async () => {
    const { accounts, store } = sandbox();
    await expect(accounts.block("auth0|auth0-down-1")).rejects.toThrow();
    await expect(accounts.block("auth0|auth0-fail-1")).rejects.toThrow();
    for (const partition of ["ACCOUNT#auth0|auth0-down-1", "ACCOUNT#auth0|auth0-fail-1"]) {
      expect((await store.query(auth0SandboxTable, { partition })).items).toEqual([]);
    }
  });
});
