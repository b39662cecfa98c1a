import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { UnderwritingDecision, UnderwritingService } from "../../ports/underwriting-service.port.ts";

/** The sandbox's own table in the embedded store (never created on AWS). */
export const underwritingSandboxTable = {
  name: "underwriting-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

/** Steering by user id, so a test (or a person on the local runtime) picks the behaviour it needs. */
export const UNDERWRITING_SANDBOX = {
  /** Everyone else's limit: $50.00. */
  limitCents: 5000,
  /** A user id containing this is not eligible (limit 0). */
  ineligible: "uw-ineligible",
  /** A user id containing this makes every call fail as unavailable (503). */
  unavailable: "uw-down",
  /** A user id containing this makes every call fail as a broken dependency (502). */
  failing: "uw-fail",
} as const;

/**
 * The local Underwriting Service, durable in the embedded store (table `underwriting-sandbox`): every
 * user is eligible with a 5000-cent limit, except a user id containing `uw-ineligible` (not eligible,
 * limit 0); each recalculation is recorded (`recalculations(userId)`, sandbox only). A user id
 * containing `uw-down` fails with UnavailableError, `uw-fail` with DependencyError, recording nothing.
 */
export class SandboxUnderwritingService implements UnderwritingService {
  readonly #store: TableStore;
  readonly #clock: Clock;

  constructor(options: { readonly store: TableStore; readonly clock: Clock }) {
    this.#store = options.store;
    this.#clock = options.clock;
  }

  async recalculate(userId: string): Promise<UnderwritingDecision> {
    steer(userId);
    const eligible = !userId.includes(UNDERWRITING_SANDBOX.ineligible);
    const decision = { eligible, limitCents: eligible ? UNDERWRITING_SANDBOX.limitCents : 0 };
    const at = this.#clock.now().toISOString();
    const { items } = await this.#store.query(underwritingSandboxTable, { partition: pk(userId) });
    await this.#store.put(underwritingSandboxTable, {
      pk: pk(userId),
      sk: `${at}#${String(items.length + 1).padStart(6, "0")}`,
      at,
      ...decision,
    });
    return decision;
  }

  /** The user's recalculations, oldest first (sandbox only). */
  async recalculations(userId: string): Promise<(UnderwritingDecision & { readonly at: string })[]> {
    const { items } = await this.#store.query(underwritingSandboxTable, { partition: pk(userId) });
    return items.map((item) => ({
      eligible: item.eligible as boolean,
      limitCents: item.limitCents as number,
      at: item.at as string,
    }));
  }
}

function steer(userId: string): void {
  if (userId.includes(UNDERWRITING_SANDBOX.unavailable)) {
    throw new UnavailableError("the Underwriting Service is unavailable; try again later");
  }
  if (userId.includes(UNDERWRITING_SANDBOX.failing)) {
    throw new DependencyError("the Underwriting Service failed; try again later");
  }
}

const pk = (userId: string) => `UW#${userId}`;
