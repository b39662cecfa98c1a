// TEMPORARY: a stand-in for Roster's own Subscription Service, which is not built yet. Issue 13 builds the real
// service (src/subscriptions/); the User Service then reaches it through its HTTP client locally too, and this
// sandbox goes. Roster's own services are never sandboxed once they exist (../shared/design/system.md).
import { createHash } from "node:crypto";
import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import { onceByKey } from "../../../platform/idempotency/once-by-key.ts";
import { TransactionCanceledError } from "../../../platform/store/store.errors.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import type {
  BillingPeriod,
  Idempotent,
  Subscription,
  SubscriptionActivation,
  SubscriptionCancellation,
  SubscriptionDowngrade,
  SubscriptionPause,
  SubscriptionService,
  SubscriptionTierChange,
} from "../../ports/subscription-service.port.ts";
import { addTerms, type StoredSubscription, settle } from "./subscription-sandbox.periods.ts";

/** The sandbox's own table in the embedded store (never created on AWS). */
export const subscriptionSandboxTable = {
  name: "subscription-sandbox",
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const satisfies TableSpec;

/** Steering by user id, so a test (or a person on the local runtime) picks the behaviour it needs. */
export const SUBSCRIPTION_SANDBOX = {
  /** A user id containing this makes every call for that user fail as unavailable (503). */
  unavailable: "subs-down",
  /** A user id containing this makes every call for that user fail as a broken dependency (502). */
  failing: "subs-fail",
  /** What a user who never activated is taken to have: `plus` v1, monthly, $9.99. */
  implicit: { tier: "plus", tierVersion: "v1", term: "MONTHLY", priceCents: 999, currency: "USD" },
} as const;

export interface SandboxSubscriptionServiceOptions {
  readonly store: TableStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * The local Subscription Service, durable in the embedded store (table `subscription-sandbox`). Rules:
 * - `activate` and `reactivate` start a new ACTIVE subscription whose first period starts now and lasts
 *   one term (calendar months in UTC, the 31st clamped to the month's last day); periods then renew one
 *   term at a time as the clock passes their end;
 * - a user who never activated has an implicit ACTIVE `plus` v1 MONTHLY subscription of 999 USD whose
 *   periods are calendar months (so every call answers the happy path with no set-up);
 * - `upgrade` changes the tier, version and price at once (withdrawing a pending downgrade); `downgrade`
 *   records a pending downgrade applied at the first renewal on or after its `effective` time; `pause`
 *   sets PAUSED with the months and first skipped payment, `resume` clears it and any period-end
 *   cancellation; `cancel` `now` ends the period now (CANCELLED),
 *   `period_end` sets `cancelAt` to the period's end, after which the subscription reads CANCELLED;
 * - transitions are not policed (the User Service's state machine does that);
 * - a repeated idempotency key answers the first result and changes nothing (keys are per user);
 * - a user id containing `subs-down` makes every call fail with UnavailableError, `subs-fail` with
 *   DependencyError, and nothing is written.
 */
export class SandboxSubscriptionService implements SubscriptionService {
  readonly #store: TableStore;
  readonly #clock: Clock;
  readonly #ids: IdGenerator;

  constructor(options: SandboxSubscriptionServiceOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#ids = options.ids;
  }

  activate(userId: string, input: SubscriptionActivation): Promise<Subscription> {
    return this.#mutate(userId, input, () => this.#fresh(input));
  }

  reactivate(userId: string, input: SubscriptionActivation): Promise<Subscription> {
    return this.#mutate(userId, input, () => this.#fresh(input));
  }

  pause(userId: string, input: SubscriptionPause): Promise<Subscription> {
    const pause = { months: input.months, firstSkippedPayment: input.firstSkippedPayment };
    return this.#mutate(userId, input, (s) => ({ ...s, status: "PAUSED", pause }));
  }

  resume(userId: string, input: Idempotent): Promise<Subscription> {
    // Also withdraws a period-end cancellation: resume is how a retracted cancellation keeps renewing.
    return this.#mutate(userId, input, ({ pause: _pause, cancelAt: _cancelAt, ...s }) => ({
      ...s,
      status: "ACTIVE",
    }));
  }

  upgrade(userId: string, input: SubscriptionTierChange): Promise<Subscription> {
    const { tier, tierVersion, priceCents } = input;
    return this.#mutate(userId, input, ({ pendingDowngrade: _pending, ...s }) => ({
      ...s,
      period: { ...s.period, tier, tierVersion, priceCents },
    }));
  }

  downgrade(userId: string, input: SubscriptionDowngrade): Promise<Subscription> {
    const { tier, tierVersion, priceCents, effective } = input;
    return this.#mutate(userId, input, (s) => ({
      ...s,
      pendingDowngrade: { tier, tierVersion, priceCents, effective },
    }));
  }

  cancel(userId: string, input: SubscriptionCancellation): Promise<Subscription> {
    const now = this.#clock.now().toISOString();
    return this.#mutate(userId, input, (s) =>
      input.effective === "now"
        ? { ...s, status: "CANCELLED", period: { ...s.period, end: now } }
        : { ...s, cancelAt: s.period.end },
    );
  }

  async currentPeriod(userId: string): Promise<BillingPeriod> {
    steer(userId);
    return (await this.#current(userId)).period;
  }

  /**
   * Read-modify-write of the user's subscription, conditional on the revision it read: two calls for
   * one user at once (a cancel racing a pause) cannot overwrite each other's change; the loser reads
   * again and re-applies (a real service serialises them the same way).
   */
  async #mutate(
    userId: string,
    input: Idempotent,
    change: (current: StoredSubscription) => StoredSubscription,
  ): Promise<Subscription> {
    steer(userId);
    const key = { pk: subsPk(userId), sk: `KEY#${input.idempotencyKey}` };
    for (let attempt = 1; ; attempt++) {
      try {
        return await onceByKey(this.#store, subscriptionSandboxTable, key, async () => {
          const { stored, revision } = await this.#read(userId);
          const next = settle(change(stored), this.#clock.now());
          const item = {
            pk: subsPk(userId),
            sk: "CURRENT",
            state: JSON.stringify(next),
            revision: revision + 1,
          };
          const condition =
            revision === 0
              ? ({ attributeNotExists: "pk" } as const)
              : ({ equals: ["revision", revision] } as const);
          return {
            result: publicView(next),
            writes: [{ put: { table: subscriptionSandboxTable, item, condition } }],
          };
        });
      } catch (error) {
        if (!(error instanceof TransactionCanceledError) || attempt >= 5) throw error;
      }
    }
  }

  async #current(userId: string): Promise<StoredSubscription> {
    return (await this.#read(userId)).stored;
  }

  async #read(userId: string): Promise<{ stored: StoredSubscription; revision: number; exists: boolean }> {
    const item = await this.#store.get(subscriptionSandboxTable, { pk: subsPk(userId), sk: "CURRENT" });
    const stored = item
      ? (JSON.parse(item.state as string) as StoredSubscription)
      : implicit(userId, this.#clock.now());
    const revision = typeof item?.revision === "number" ? item.revision : 0;
    return { stored: settle(stored, this.#clock.now()), revision, exists: item !== undefined };
  }

  #fresh(input: SubscriptionActivation): StoredSubscription {
    const now = this.#clock.now();
    const anchor = now.toISOString();
    return {
      subscriptionId: `sub-${this.#ids.next()}`,
      status: "ACTIVE",
      anchor,
      period: {
        start: anchor,
        end: addTerms(now, input.term, 1).toISOString(),
        priceCents: input.priceCents,
        currency: input.currency,
        term: input.term,
        tier: input.tier,
        tierVersion: input.tierVersion,
      },
    };
  }
}

function steer(userId: string): void {
  if (userId.includes(SUBSCRIPTION_SANDBOX.unavailable)) {
    throw new UnavailableError("the Subscription Service is unavailable; try again later");
  }
  if (userId.includes(SUBSCRIPTION_SANDBOX.failing)) {
    throw new DependencyError("the Subscription Service failed; try again later");
  }
}

function implicit(userId: string, now: Date): StoredSubscription {
  const anchor = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const { tier, tierVersion, term, priceCents, currency } = SUBSCRIPTION_SANDBOX.implicit;
  const digest = createHash("sha256").update(userId).digest("hex").slice(0, 20);
  return {
    subscriptionId: `sandbox-sub-${digest}`,
    status: "ACTIVE",
    anchor: anchor.toISOString(),
    period: {
      start: anchor.toISOString(),
      end: addTerms(anchor, term, 1).toISOString(),
      priceCents,
      currency,
      term,
      tier,
      tierVersion,
    },
  };
}

function publicView({ anchor: _anchor, ...subscription }: StoredSubscription): Subscription {
  return subscription;
}

const subsPk = (userId: string) => `SUBS#${userId}`;
