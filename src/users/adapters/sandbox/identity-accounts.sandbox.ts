import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdentityAccounts } from "../../ports/identity-accounts.port.ts";

/** The sandbox's own table in the embedded store (never created on AWS). */
export const auth0SandboxTable = {
  name: "auth0-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

/** Steering by user id, so a test (or a person on the local runtime) picks the behaviour it needs. */
export const AUTH0_SANDBOX = {
  /** A user id containing this makes every call for that user fail as unavailable (503). */
  unavailable: "auth0-down",
  /** A user id containing this makes every call for that user fail as a broken dependency (502). */
  failing: "auth0-fail",
  /** A user id containing this has no Auth0 account (502, as the production client answers a 404). */
  missing: "auth0-missing",
} as const;

/**
 * The local Auth0, durable in the embedded store: every user has an account, unblocked until `block`
 * writes `{ blocked: true }` for them (`unblock` writes false; both just set the flag, so repeating
 * either is harmless). A user id containing `auth0-down` fails with UnavailableError, `auth0-fail`
 * with DependencyError, `auth0-missing` with DependencyError (no account); nothing is written then.
 */
export class SandboxIdentityAccounts implements IdentityAccounts {
  readonly #store: TableStore;
  readonly #clock: Clock;

  constructor(options: { readonly store: TableStore; readonly clock: Clock }) {
    this.#store = options.store;
    this.#clock = options.clock;
  }

  block(userId: string): Promise<void> {
    return this.#set(userId, true);
  }

  unblock(userId: string): Promise<void> {
    return this.#set(userId, false);
  }

  async isBlocked(userId: string): Promise<boolean> {
    steer(userId);
    const account = await this.#store.get(auth0SandboxTable, accountKey(userId));
    return account?.blocked === true;
  }

  async #set(userId: string, blocked: boolean): Promise<void> {
    steer(userId);
    await this.#store.put(auth0SandboxTable, {
      ...accountKey(userId),
      blocked,
      updated_at: this.#clock.now().toISOString(),
    });
  }
}

function steer(userId: string): void {
  if (userId.includes(AUTH0_SANDBOX.unavailable))
    throw new UnavailableError("Auth0 is unavailable; try again later");
  if (userId.includes(AUTH0_SANDBOX.failing)) throw new DependencyError("Auth0 failed; try again later");
  if (userId.includes(AUTH0_SANDBOX.missing)) throw new DependencyError("Auth0 has no account for this user");
}

const accountKey = (userId: string) => ({ pk: `ACCOUNT#${userId}`, sk: "ACCOUNT" });
