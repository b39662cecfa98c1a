import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import type { IdentityAccounts } from "../../../src/users/ports/identity-accounts.port.ts";

export interface AccountsTarget {
  readonly accounts: IdentityAccounts;
  close?(): Promise<void>;
}

/**
 * What every IdentityAccounts adapter answers, with the sandbox's steering ids (`auth0-down`,
 * `auth0-fail`, `auth0-missing`), which the loopback fake of Auth0 serves too.
 */
export function identityAccountsContract(adapter: string, open: () => Promise<AccountsTarget>): void {
  describe(`IdentityAccounts contract on ${adapter}`, () => {
    let target: AccountsTarget;

    beforeEach(async () => {
      target = await open();
    });
    afterEach(async () => {
      await target.close?.();
    });

    it("starts unblocked, blocks, and unblocks", async () => {
      const { accounts } = target;
      expect(await accounts.isBlocked("auth0|ada")).toBe(false);
      await accounts.block("auth0|ada");
      expect(await accounts.isBlocked("auth0|ada")).toBe(true);
      expect(await accounts.isBlocked("auth0|grace")).toBe(false);
      await accounts.unblock("auth0|ada");
      expect(await accounts.isBlocked("auth0|ada")).toBe(false);
    });

    it("is idempotent: blocking or unblocking twice succeeds", async () => {
      const { accounts } = target;
      await accounts.block("auth0|ada");
      await accounts.block("auth0|ada");
      expect(await accounts.isBlocked("auth0|ada")).toBe(true);
      await accounts.unblock("auth0|ada");
      await accounts.unblock("auth0|ada");
      await accounts.unblock("auth0|grace");
      expect(await accounts.isBlocked("auth0|ada")).toBe(false);
    });

    it("fails with an UnavailableError (503) when Auth0 is down", async () => {
      await expect(target.accounts.block("auth0|auth0-down-1")).rejects.toThrow(UnavailableError);
      await expect(target.accounts.isBlocked("auth0|auth0-down-1")).rejects.toThrow(UnavailableError);
    });

    it("fails with a DependencyError (502) when Auth0 fails or has no such account", async () => {
      await expect(target.accounts.block("auth0|auth0-fail-1")).rejects.toThrow(DependencyError);
      await expect(target.accounts.unblock("auth0|auth0-missing-1")).rejects.toThrow(
        "Auth0 has no account for this user",
      );
    });
  });
}
