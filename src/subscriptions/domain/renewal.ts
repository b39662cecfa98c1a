import { type BillingCycle, CYCLE_LEASE_MS, nextRecoveryStep } from "./billing-cycle.ts";
import { addTerms, dateOf } from "./billing-period.ts";
import type { LifecycleEvent, NewCycle, SubscriptionEffect } from "./lifecycle-event.ts";
import { isLive, type Subscription } from "./subscription.ts";
import { endNow, touch } from "./subscription-changes.ts";

/**
 * The billing-cycle runner's decisions, pure: what a due cycle becomes when it is claimed, and what a
 * charge's outcome makes of the cycle and its subscription.
 */

/** The cycle as the claim leaves it, with the subscription's change. */
export interface ClaimDecision {
  readonly cycle: BillingCycle;
  readonly effect: SubscriptionEffect;
  /** Charge it now (the cycle is PROCESSING under a lease, with its amount fixed). */
  readonly charge: boolean;
}

/**
 * A due cycle, claimed at `now`:
 * - the subscription ended: VOID;
 * - its grace ran out (GRACE): the service's own CancelSubscription (ADR-017, `payment_failure`);
 * - a cancellation at the period's end is due: the subscription ends (CANCELLED), the User Service completes it;
 * - inside a pause: SKIPPED_PAUSED with `pause-skipped`, the period moved on, no charge;
 * - a pause that skipped all its payments ends here with `pause-resume`, then the cycle is charged;
 * - a downgrade due by this period's start is applied first (the renewal bills the lower tier), and the
 *   User Service finalizes it;
 * - a lease that ran out (a runner died mid-charge): charged again with the same attempt's key;
 * - a price fixed while the cycle waited (an upgrade after its period began) is the one charged.
 */
export function claimCycle(cycle: BillingCycle, s: Subscription, now: Date): ClaimDecision {
  if (!isLive(s)) return { cycle: { ...cycle, status: "VOID" }, effect: none, charge: false };
  if (cycle.status === "PROCESSING") return processing(cycle, now, none);
  if (cycle.status === "GRACE") {
    const ended = endNow(s, "payment_failure", now);
    const [after] = ended.subscriptions as [Subscription];
    return {
      cycle: { ...cycle, status: "FAILED" },
      effect: {
        ...ended,
        voidOpenCyclesOf: [],
        followups: [{ kind: "END_FOR_PAYMENT_FAILURE", subscription: after }],
      },
      charge: false,
    };
  }
  if (cycle.status === "RETRYING") return processing({ ...cycle, attemptNo: cycle.attemptNo + 1 }, now, none);
  if (s.cancelAt && cycle.periodStart.getTime() >= s.cancelAt.getTime()) return cancelAtPeriodEnd(cycle, s);

  const moved = touch(s, { periodStart: cycle.periodStart, periodEnd: cycle.periodEnd });
  const pause = s.pause;
  if (pause && pause.skipped < pause.months && dateOf(cycle.periodStart) >= pause.firstSkippedPayment) {
    return skipForPause(cycle, moved);
  }
  const events: LifecycleEvent[] = [];
  let next = moved;
  if (pause && pause.skipped >= pause.months) {
    const { pause: _ended, ...rest } = next;
    next = touch(rest as Subscription, { status: "ACTIVE" });
    events.push({
      kind: "pause-resume",
      subscription: next,
      unpauseDate: cycle.periodStart,
      nextBillingDate: cycle.periodStart,
      cycleId: cycle.cycleId,
    });
  }
  const followups: { kind: "FINALIZE_DOWNGRADE"; subscription: Subscription }[] = [];
  const pending = next.pendingDowngrade;
  if (pending && pending.effective.getTime() <= cycle.periodStart.getTime()) {
    const { pendingDowngrade: _applied, ...rest } = next;
    next = touch(rest as Subscription, {
      tier: pending.tier,
      tierVersion: pending.tierVersion,
      priceCents: pending.priceCents,
      planId: `${pending.tier}:${pending.tierVersion}:${next.term}`,
    });
    events.push({ kind: "downgraded", subscription: next, cycleId: cycle.cycleId });
    followups.push({ kind: "FINALIZE_DOWNGRADE", subscription: next });
  }
  // A price fixed before the claim (a tier change after the period began) is the one billed.
  const fixed = cycle.amountCents !== undefined && cycle.currency !== undefined && cycle.tier !== undefined;
  const billed: BillingCycle = {
    ...cycle,
    attemptNo: 1,
    amountCents: fixed ? cycle.amountCents : next.priceCents,
    currency: fixed ? cycle.currency : next.currency,
    tier: fixed ? cycle.tier : next.tier,
    tierVersion: fixed ? cycle.tierVersion : next.tierVersion,
  };
  return processing(billed, now, { subscriptions: [next], events, followups });
}

const none: SubscriptionEffect = { subscriptions: [], events: [] };

function processing(cycle: BillingCycle, now: Date, effect: SubscriptionEffect): ClaimDecision {
  return {
    cycle: { ...cycle, status: "PROCESSING", leaseUntil: new Date(now.getTime() + CYCLE_LEASE_MS) },
    effect,
    charge: true,
  };
}

function cancelAtPeriodEnd(cycle: BillingCycle, s: Subscription): ClaimDecision {
  const at = s.cancelAt as Date;
  const ended = endNow(s, s.cancellationReason ?? "period_end", at);
  const [after] = ended.subscriptions as [Subscription];
  return {
    cycle: { ...cycle, status: "VOID" },
    effect: {
      ...ended,
      voidOpenCyclesOf: [],
      followups: [{ kind: "COMPLETE_CANCELLATION", subscription: after }],
    },
    charge: false,
  };
}

function skipForPause(cycle: BillingCycle, s: Subscription): ClaimDecision {
  const pause = s.pause as NonNullable<Subscription["pause"]>;
  const remaining = pause.months - pause.skipped;
  const startedAt = pause.startedAt ?? cycle.periodStart;
  const next = touch(s, {
    status: "PAUSED",
    pause: { ...pause, state: "ACTIVE", skipped: pause.skipped + 1, startedAt },
  });
  const resumesAt = addTerms(cycle.periodStart, s.term, remaining);
  return {
    cycle: { ...cycle, status: "SKIPPED_PAUSED" },
    effect: {
      subscriptions: [next],
      events: [
        {
          kind: "pause-skipped",
          subscription: next,
          pauseDate: startedAt,
          nextBillingDate: resumesAt,
          cycleId: cycle.cycleId,
        },
      ],
      newCycles: [nextCycle(next, cycle)],
    },
    charge: false,
  };
}

/** The cycle after `cycle`: the next period, due at its start. */
export function nextCycle(s: Subscription, cycle: Pick<BillingCycle, "periodEnd">): NewCycle {
  return {
    subscriptionId: s.subscriptionId,
    userId: s.userId,
    periodStart: cycle.periodEnd,
    periodEnd: addTerms(cycle.periodEnd, s.term, 1),
  };
}

/** The Payment Service's answer to one attempt. */
export type ChargeOutcome =
  | { readonly kind: "paid"; readonly confirmationId: string }
  | { readonly kind: "declined"; readonly reason: string };

/** What an attempt's outcome makes of the cycle (still PROCESSING under this attempt) and its subscription. */
export function settleCycle(
  cycle: BillingCycle,
  s: Subscription,
  outcome: ChargeOutcome,
  now: Date,
): { readonly cycle: BillingCycle; readonly effect: SubscriptionEffect } {
  const { leaseUntil: _lease, ...open } = cycle;
  if (outcome.kind === "paid") {
    const { pastDueSince, ...rest } = s;
    const next = isLive(s)
      ? touch(rest as Subscription, {
          status: s.status === "PAUSED" ? "PAUSED" : "ACTIVE",
          lastPaymentAt: now,
        })
      : s;
    const events: LifecycleEvent[] = [];
    if (pastDueSince && isLive(s)) {
      events.push({
        kind: "recovered",
        subscription: next,
        cycleId: cycle.cycleId,
        pastDueMs: now.getTime() - pastDueSince.getTime(),
      });
    }
    events.push({
      kind: "renewed",
      subscription: next,
      cycleId: cycle.cycleId,
      nextBillingDate: cycle.periodEnd,
      receipt: {
        cycleId: cycle.cycleId,
        periodStart: cycle.periodStart,
        periodEnd: cycle.periodEnd,
        amountCents: cycle.amountCents ?? s.priceCents,
        currency: cycle.currency ?? s.currency,
        tier: cycle.tier ?? s.tier,
        tierVersion: cycle.tierVersion ?? s.tierVersion,
        confirmationId: outcome.confirmationId,
        paidAt: now,
      },
    });
    return {
      cycle: { ...open, status: "PAID", confirmationId: outcome.confirmationId, paidAt: now },
      effect: {
        subscriptions: isLive(s) ? [next] : [],
        events: isLive(s) ? events : [],
        newCycles: isLive(s) ? [nextCycle(next, cycle)] : [],
      },
    };
  }
  const firstFailedAt = cycle.firstFailedAt ?? now;
  const step = nextRecoveryStep(firstFailedAt, cycle.attemptNo);
  const failed: BillingCycle = {
    ...open,
    status: step.grace ? "GRACE" : "RETRYING",
    nextAttemptAt: step.at,
    failureReason: outcome.reason,
    firstFailedAt,
  };
  if (!isLive(s)) return { cycle: { ...failed, status: "VOID" }, effect: none };
  const next = touch(s, { status: "PAST_DUE", pastDueSince: s.pastDueSince ?? now });
  return {
    cycle: failed,
    effect: {
      subscriptions: [next],
      events: [
        {
          kind: "payment-failed",
          subscription: next,
          cycleId: cycle.cycleId,
          reason: outcome.reason,
          nextBillingDate: step.at,
        },
      ],
    },
  };
}
