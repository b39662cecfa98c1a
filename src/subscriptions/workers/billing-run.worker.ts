import { setTimeout as sleep } from "node:timers/promises";
import { UnavailableError } from "../../platform/errors/app.errors.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import type { Metrics } from "../../platform/metrics/metrics.port.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../platform/time/id-generator.port.ts";
import { attemptKey, type BillingCycle } from "../domain/billing-cycle.ts";
import { type ChargeOutcome, claimCycle, settleCycle } from "../domain/renewal.ts";
import type { Subscription } from "../domain/subscription.ts";
import type { BillingStore, ClaimedCharge } from "../ports/billing.store.ts";
import type { RenewalCharges } from "../ports/renewal-charges.port.ts";
import { effectRecords } from "../use-cases/records/effect-records.ts";
import { withFulfilments } from "../use-cases/records/fulfilment-records.ts";

export interface BillingRunDeps {
  readonly billing: BillingStore;
  readonly charges: RenewalCharges;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface BillingRunOptions {
  /** Cycles claimed per transaction. */
  readonly batchSize?: number;
  /** Charges in flight at once. */
  readonly concurrency?: number;
  /** Stop claiming after this many batches (a Lambda run's budget); default: until none is due. */
  readonly maxBatches?: number;
  /**
   * How long a run keeps looking for due cycles that another transaction holds (an API change, a
   * payment record being applied: the claim skips locked rows) before it leaves them to the next run.
   */
  readonly heldWaitMs?: number;
}

/** A held cycle is looked for again after this long, then twice as long, up to HELD_RETRY_MAX_MS. */
const HELD_RETRY_MS = 20;
const HELD_RETRY_MAX_MS = 200;

export interface BillingRunResult {
  readonly claimed: number;
  readonly paid: number;
  readonly declined: number;
  /** Charges whose outcome is not known: retried with the same key when their lease runs out. */
  readonly unknown: number;
}

/** The metric of ADR-018: how long a subscription spent in the recovery window before it paid. */
export const RECOVERY_WINDOW_METRIC = "subscriptions.recovery.window";

/**
 * `runDueCycles(now)`: claims every due cycle (`FOR UPDATE SKIP LOCKED`, so runners side by side never
 * share one), decides each (skip inside a pause, end at a period-end cancellation, apply a downgrade,
 * charge), charges through the Payment Service with the attempt's key, and stores each outcome in one
 * transaction that advances the period and writes the outbox. Runs again until nothing is due at the
 * clock's time, so a clock moved a year ahead bills the whole year in order.
 */
export async function runDueCycles(
  deps: BillingRunDeps,
  options: BillingRunOptions = {},
): Promise<BillingRunResult> {
  const batchSize = options.batchSize ?? 100;
  const heldWaitMs = options.heldWaitMs ?? 5_000;
  const result = { claimed: 0, paid: 0, declined: 0, unknown: 0 };
  let waited = 0;
  let looks = 0;
  for (let batch = 0; options.maxBatches === undefined || batch < options.maxBatches; batch++) {
    const now = deps.clock.now();
    const { claimed, charges } = await deps.billing.claimDue(now, batchSize, (cycle, subscription) => {
      const decision = claimCycle(cycle, subscription, now);
      return { ...decision, records: effectRecords(deps, decision.effect) };
    });
    result.claimed += claimed;
    await inParallel(charges, options.concurrency ?? 8, async (claim) => {
      const outcome = await chargeOnce(deps, claim);
      if (outcome === undefined) result.unknown += 1;
      else if (outcome.kind === "paid") result.paid += 1;
      else result.declined += 1;
    });
    // A settled cycle makes the next one, which may be due already (a clock moved far ahead), so the
    // runner looks again after every batch that claimed something. A batch that claimed nothing ends
    // the run, unless something is due all the same: a row held by another transaction for a moment,
    // looked for again (bounded by heldWaitMs) so that a run leaves nothing due behind it.
    if (claimed > 0) continue;
    const last = options.maxBatches !== undefined && batch + 1 >= options.maxBatches;
    if (last || waited >= heldWaitMs || !(await deps.billing.anyDue(now))) break;
    const pause = Math.min(HELD_RETRY_MS * 2 ** looks++, HELD_RETRY_MAX_MS, heldWaitMs - waited);
    await sleep(pause);
    waited += pause;
  }
  if (result.claimed > 0) deps.logger.info("billing run", { ...result });
  return result;
}

async function chargeOnce(deps: BillingRunDeps, { cycle, subscription }: ClaimedCharge) {
  let outcome: ChargeOutcome;
  try {
    outcome = await deps.charges.charge(subscription.userId, {
      amountCents: cycle.amountCents as number,
      currency: cycle.currency as string,
      description: describe(subscription, cycle),
      subscriptionId: subscription.subscriptionId,
      billingCycleId: cycle.cycleId,
      idempotencyKey: attemptKey(cycle.cycleId, cycle.attemptNo),
    });
  } catch (error) {
    // One charge that cannot be made never stops the others: its lease runs out and it is tried
    // again with the same key (money moves at most once).
    deps.logger.warn("renewal charge outcome unknown: retried with the same key after the lease", {
      cycleId: cycle.cycleId,
      attemptNo: cycle.attemptNo,
      error: error instanceof UnavailableError ? "unavailable" : (error as Error).name,
    });
    return undefined;
  }
  const now = deps.clock.now();
  await deps.billing.settle(cycle.cycleId, cycle.attemptNo, now, (stored, current) => {
    const settled = settleCycle(stored, current, outcome, now);
    for (const event of settled.effect.events) {
      if (event.kind === "recovered" && event.pastDueMs !== undefined) {
        deps.metrics.duration(RECOVERY_WINDOW_METRIC, event.pastDueMs);
      }
    }
    const effect = withFulfilments(deps, settled.effect);
    return { cycle: settled.cycle, effect, records: effectRecords(deps, effect) };
  });
  return outcome;
}

/** What the user reads on their statement: the tier and the period. */
function describe(s: Subscription, cycle: BillingCycle): string {
  const month = cycle.periodStart.toLocaleString("en-US", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  return `Roster ${cycle.tier ?? s.tier} membership, ${s.term === "ANNUAL" ? "year" : "month"} from ${month}`;
}

async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
