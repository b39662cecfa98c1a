import { addTerms } from "./billing-period.ts";
import type { SubscriptionEffect } from "./lifecycle-event.ts";
import { SubscriptionEndedError } from "./subscription.errors.ts";
import {
  type FulfilmentSettings,
  isLive,
  type PaymentMethodKind,
  type Plan,
  type Subscription,
  type SubscriptionSource,
} from "./subscription.ts";

/**
 * The changes callers ask for, as pure decisions: the subscription as it stands (locked by the store)
 * in, what to store out. The User Service polices the membership's state machine; these refuse only
 * what cannot be billed (a change to a subscription that ended).
 */

export interface StartRequest {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly plan: Plan;
  readonly paymentMethod: PaymentMethodKind;
  readonly fulfilment: FulfilmentSettings;
  readonly source: SubscriptionSource;
  /** The first period's start: now, or later (a free trial until then). */
  readonly startAt: Date;
}

/** A new subscription: its first cycle is due at its start (now: the runner charges it at once). */
export function start(request: StartRequest, now: Date): SubscriptionEffect {
  const { plan, startAt } = request;
  const trial = startAt.getTime() > now.getTime();
  const subscription: Subscription = {
    subscriptionId: request.subscriptionId,
    userId: request.userId,
    planId: plan.planId,
    status: trial ? "TRIAL" : "ACTIVE",
    tier: plan.tier,
    tierVersion: plan.tierVersion,
    term: plan.term,
    priceCents: plan.priceCents,
    currency: plan.currency,
    paymentMethod: request.paymentMethod,
    fulfilment: request.fulfilment,
    source: request.source,
    anchorAt: startAt,
    periodStart: trial ? now : startAt,
    periodEnd: trial ? startAt : addTerms(startAt, plan.term, 1),
    createdAt: now,
    version: 1,
  };
  return {
    subscriptions: [subscription],
    events: [{ kind: "activated", subscription, nextBillingDate: startAt }],
    newCycles: [
      {
        subscriptionId: subscription.subscriptionId,
        userId: subscription.userId,
        periodStart: startAt,
        periodEnd: addTerms(startAt, plan.term, 1),
      },
    ],
  };
}

/** A new subscription from now, the live one (if any) ended as replaced. */
export function restart(
  current: Subscription | undefined,
  request: StartRequest,
  now: Date,
): SubscriptionEffect {
  const started = start(request, now);
  if (!current || !isLive(current)) return started;
  const ended = endNow(current, "reactivated", now);
  return {
    ...started,
    subscriptions: [...ended.subscriptions, ...started.subscriptions],
    events: [...ended.events, ...started.events],
    voidOpenCyclesOf: ended.voidOpenCyclesOf ?? [],
  };
}

export function pause(
  s: Subscription,
  input: { readonly pauseId: string; readonly months: number; readonly firstSkippedPayment: string },
  now: Date,
): SubscriptionEffect {
  live(s);
  const next = touch(s, {
    pause: {
      pauseId: input.pauseId,
      months: input.months,
      firstSkippedPayment: input.firstSkippedPayment,
      state: "SCHEDULED",
      skipped: 0,
      requestedAt: now,
    },
  });
  return { subscriptions: [next], events: [{ kind: "pause-scheduled", subscription: next }] };
}

/**
 * Withdraws a pause and a period-end cancellation (resume is how a retracted cancellation keeps
 * renewing); a no-op otherwise. A pause that was already skipping ends now with `pause-resume`. With a
 * charge the User Service collected (`paid`), the period restarts now, already paid.
 */
export function resume(
  s: Subscription,
  now: Date,
  paid?: { readonly confirmationId: string; readonly amountCents: number },
): SubscriptionEffect {
  live(s);
  const { pause: withdrawn, cancelAt, ...rest } = s;
  let next = touch(rest as Subscription, {
    status: s.status === "PAUSED" ? "ACTIVE" : s.status,
  });
  const events: SubscriptionEffect["events"][number][] = [];
  if (paid) {
    next = touch(next, {
      anchorAt: now,
      periodStart: now,
      periodEnd: addTerms(now, s.term, 1),
      lastPaymentAt: now,
    });
  }
  if (withdrawn?.state === "ACTIVE") {
    events.push({
      kind: "pause-resume",
      subscription: next,
      unpauseDate: now,
      nextBillingDate: next.periodEnd,
    });
  } else if (withdrawn) {
    events.push({ kind: "pause-withdrawn", subscription: next });
  }
  if (cancelAt) events.push({ kind: "cancel-withdrawn", subscription: next });
  if (!paid) return { subscriptions: [next], events };
  return {
    subscriptions: [next],
    events,
    voidOpenCyclesOf: [s.subscriptionId],
    newCycles: [
      {
        subscriptionId: s.subscriptionId,
        userId: s.userId,
        periodStart: next.periodStart,
        periodEnd: next.periodEnd,
        paid: { ...paid, at: now },
      },
      {
        subscriptionId: s.subscriptionId,
        userId: s.userId,
        periodStart: next.periodEnd,
        periodEnd: addTerms(next.anchorAt, s.term, 2),
      },
    ],
  };
}

/**
 * Renewals bill the higher tier at once; a pending downgrade is withdrawn. A period that has begun
 * but that the runner has yet to bill (its first period just after activation, a renewal between two
 * runs) bills the tier it began at: the User Service's prorated fee pays the difference for it.
 */
export function upgrade(
  s: Subscription,
  tier: { readonly tier: string; readonly tierVersion: string; readonly priceCents: number },
): SubscriptionEffect {
  live(s);
  const { pendingDowngrade: withdrawn, ...rest } = s;
  const same = s.tier === tier.tier && s.tierVersion === tier.tierVersion && s.priceCents === tier.priceCents;
  const next = touch(rest as Subscription, {
    tier: tier.tier,
    tierVersion: tier.tierVersion,
    priceCents: tier.priceCents,
    planId: `${tier.tier}:${tier.tierVersion}:${s.term}`,
  });
  const events: SubscriptionEffect["events"][number][] = [];
  if (withdrawn) events.push({ kind: "downgrade-withdrawn", subscription: next });
  if (!same) events.push({ kind: "upgraded", subscription: next });
  if (same) return { subscriptions: [next], events };
  const begun = {
    subscriptionId: s.subscriptionId,
    amountCents: s.priceCents,
    currency: s.currency,
    tier: s.tier,
    tierVersion: s.tierVersion,
  };
  return { subscriptions: [next], events, priceBegunCycles: [begun] };
}

/** Renewals move to the lower tier at the first renewal on or after `effective`. */
export function downgrade(
  s: Subscription,
  to: {
    readonly tier: string;
    readonly tierVersion: string;
    readonly priceCents: number;
    readonly effective: Date;
  },
): SubscriptionEffect {
  live(s);
  const next = touch(s, { pendingDowngrade: { ...to } });
  return { subscriptions: [next], events: [{ kind: "downgrade-scheduled", subscription: next }] };
}

export function cancel(
  s: Subscription,
  input: { readonly effective: "now" | "period_end"; readonly reason: string },
  now: Date,
): SubscriptionEffect {
  if (!isLive(s)) return { subscriptions: [], events: [] };
  if (input.effective === "now") return endNow(s, input.reason, now);
  const next = touch(s, { cancelAt: s.periodEnd, cancellationReason: input.reason });
  return {
    subscriptions: [next],
    events: [{ kind: "cancel-scheduled", subscription: next, reason: input.reason }],
  };
}

/** The way the next paid periods are delivered (periods already paid keep theirs). */
export function changeFulfilment(s: Subscription, fulfilment: FulfilmentSettings): SubscriptionEffect {
  live(s);
  if (sameFulfilment(s.fulfilment, fulfilment)) return { subscriptions: [], events: [] };
  const next = touch(s, { fulfilment });
  return { subscriptions: [next], events: [{ kind: "fulfilment-changed", subscription: next }] };
}

function sameFulfilment(a: FulfilmentSettings, b: FulfilmentSettings): boolean {
  // Field by field: the stored settings come back from jsonb in its own key order.
  const canonical = (f: FulfilmentSettings) =>
    JSON.stringify(f, (_key, value: unknown) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)))
        : value,
    );
  return canonical(a) === canonical(b);
}

/** Ends billing now: the period is cut at this instant, the open cycle voided. */
export function endNow(s: Subscription, reason: string, now: Date): SubscriptionEffect {
  const {
    pause: _pause,
    pendingDowngrade: _pending,
    cancelAt: _cancelAt,
    pastDueSince: _pastDue,
    ...rest
  } = s;
  const next = touch(rest as Subscription, {
    status: "CANCELLED",
    cancelledAt: now,
    cancellationReason: reason,
    periodEnd: now.getTime() < s.periodEnd.getTime() ? now : s.periodEnd,
    periodStart: now.getTime() < s.periodStart.getTime() ? now : s.periodStart,
  });
  return {
    subscriptions: [next],
    events: [{ kind: "cancelled", subscription: next, reason }],
    voidOpenCyclesOf: [s.subscriptionId],
  };
}

function live(s: Subscription): void {
  if (!isLive(s)) throw new SubscriptionEndedError(s.status);
}

/** The subscription with `changes`, one version later. */
export function touch(s: Subscription, changes: Partial<Subscription>): Subscription {
  return { ...s, ...changes, version: s.version + 1 };
}
