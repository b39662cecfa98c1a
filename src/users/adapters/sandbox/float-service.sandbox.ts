import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { FloatService, OutstandingBalance } from "../../ports/float-service.port.ts";

/** The sandbox's own table in the embedded store (never created on AWS). */
export const floatSandboxTable = {
  name: "float-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

/** Steering by user id, so a test (or a person on the local runtime) picks the behaviour it needs. */
export const FLOAT_SANDBOX = {
  /** A user id containing this owes `owedCents` (unless a balance was set for them). */
  owes: "float-owes",
  owedCents: 2500,
  /** A user id containing this makes every call fail as unavailable (503). */
  unavailable: "float-down",
  /** A user id containing this makes every call fail as a broken dependency (502). */
  failing: "float-fail",
} as const;

/**
 * The local Float Service, durable in the embedded store (table `float-sandbox`). Rules: a user owes
 * nothing (0 USD), except a user id containing `float-owes`, who owes 2500 cents ($25.00);
 * `setOutstandingBalance` (sandbox only) sets any user's balance, which then wins over the id's rule
 * (0 to let a `float-owes` user repay). A user id containing `float-down` fails with UnavailableError,
 * `float-fail` with DependencyError.
 */
export class SandboxFloatService implements FloatService {
  readonly #store: TableStore;

  constructor(options: { readonly store: TableStore }) {
    this.#store = options.store;
  }

  async outstandingBalance(userId: string): Promise<OutstandingBalance> {
    steer(userId);
    const item = await this.#store.get(floatSandboxTable, balanceKey(userId));
    if (item !== undefined) return { amountCents: item.amountCents as number, currency: "USD" };
    return {
      amountCents: userId.includes(FLOAT_SANDBOX.owes) ? FLOAT_SANDBOX.owedCents : 0,
      currency: "USD",
    };
  }

  /** Sets what the user owes, in whole cents (sandbox only). */
  async setOutstandingBalance(userId: string, amountCents: number): Promise<void> {
    if (!Number.isInteger(amountCents) || amountCents < 0) throw new RangeError("whole cents, at least 0");
    await this.#store.put(floatSandboxTable, { ...balanceKey(userId), amountCents });
  }
}

function steer(userId: string): void {
  if (userId.includes(FLOAT_SANDBOX.unavailable)) {
    throw new UnavailableError("the Float Service is unavailable; try again later");
  }
  if (userId.includes(FLOAT_SANDBOX.failing)) {
    throw new DependencyError("the Float Service failed; try again later");
  }
}

const balanceKey = (userId: string) => ({ pk: `FLOAT#${userId}`, sk: "BALANCE" });
