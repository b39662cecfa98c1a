import type { BillingReportWire } from "../../contracts/subscriptions/reports.http.ts";
import type {
  BillingCycleWire,
  BillingHistoryWire,
  BillingSubscriptionWire,
  ChargeAttemptWire,
  SubscriptionChangeWire,
  SubscriptionOwnerWire,
} from "../../contracts/subscriptions/subscriptions.http.ts";
import type { ReportWindow } from "../../platform/time/report-window.ts";
import { nextChargeAt, recoveryEndsAt } from "../domain/billing-cycle.ts";
import { membershipStatusOf } from "../domain/status-mapping.ts";
import type { Subscription } from "../domain/subscription.ts";
import type { BillingReport } from "../ports/billing-report.port.ts";
import type {
  BillingRecord,
  ChargeAttempt,
  CycleRecord,
  SubscriptionChange,
} from "../ports/subscription.store.ts";
import { membershipView } from "./membership.views.ts";

/** The operators' reads as the contract answers them (contracts/subscriptions/subscriptions.http.ts). */
export function billingHistoryView(userId: string, records: readonly BillingRecord[]): BillingHistoryWire {
  return { user_id: userId, subscriptions: records.map(billingSubscriptionView) };
}

export function subscriptionOwnerView(s: Subscription): SubscriptionOwnerWire {
  return { subscription_id: s.subscriptionId, user_id: s.userId, status: membershipStatusOf(s) };
}

export function billingReportView({
  asOf,
  window,
  report,
}: {
  asOf: Date;
  window: ReportWindow;
  report: BillingReport;
}): BillingReportWire {
  const tiers = new Set<string>();
  const billed = new Map<string, number>();
  for (const day of report.daily) {
    for (const tier of Object.keys(day.activeByTier)) tiers.add(tier);
    for (const [currency, cents] of Object.entries(day.mrrCents)) {
      billed.set(currency, (billed.get(currency) ?? 0) + cents);
    }
  }
  const { pauses: p, recovery: r } = report;
  return {
    as_of: asOf.toISOString(),
    days: window.days.length,
    tiers: [...tiers].sort(),
    currencies: [...billed].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([c]) => c),
    daily: report.daily.map((d) => ({
      day: d.day,
      active_by_tier: d.activeByTier,
      paused: d.paused,
      new: d.started,
      cancelled: d.ended,
      mrr_cents: d.mrrCents,
    })),
    pauses: {
      started: p.started,
      resumed: p.resumed,
      withdrawn: p.withdrawn,
      cancelled_while_paused: p.cancelledWhilePaused,
      still_paused: p.stillPaused,
      scheduled: p.scheduled,
      skipped_payments: p.skippedPayments,
    },
    recovery: {
      entered: r.entered,
      recovered: r.recovered,
      failed: r.failed,
      in_progress: r.inProgress,
    },
  };
}

function billingSubscriptionView({
  subscription: s,
  cycles,
  changes,
}: BillingRecord): BillingSubscriptionWire {
  const { subscription_id, status, period, pause, pending_downgrade, cancel_at } = membershipView(s);
  return {
    subscription_id,
    status,
    tier: s.tier,
    tier_version: s.tierVersion,
    term: s.term,
    price_cents: s.priceCents,
    currency: s.currency,
    fulfilment_channel: s.fulfilment.channel,
    created_at: s.createdAt.toISOString(),
    period,
    ...(pause ? { pause } : {}),
    ...(pending_downgrade ? { pending_downgrade } : {}),
    ...(cancel_at ? { cancel_at } : {}),
    ...(s.cancelledAt ? { cancelled_at: s.cancelledAt.toISOString() } : {}),
    ...(s.cancellationReason ? { cancellation_reason: s.cancellationReason } : {}),
    ...(s.pastDueSince ? { past_due_since: s.pastDueSince.toISOString() } : {}),
    cycles: cycles.map(cycleView),
    changes: changes.map(changeView),
  };
}

function cycleView({ cycle: c, attempts }: CycleRecord): BillingCycleWire {
  const next = nextChargeAt(c);
  const recoveryEnds = recoveryEndsAt(c);
  return {
    cycle_id: c.cycleId,
    period_start: c.periodStart.toISOString(),
    period_end: c.periodEnd.toISOString(),
    status: c.status,
    ...(c.amountCents === undefined ? {} : { amount_cents: c.amountCents }),
    ...(c.currency ? { currency: c.currency } : {}),
    ...(c.tier ? { tier: c.tier } : {}),
    ...(c.tierVersion ? { tier_version: c.tierVersion } : {}),
    skipped_for_pause: c.status === "SKIPPED_PAUSED",
    attempts: attempts.map(attemptView),
    ...(next ? { next_attempt_at: next.toISOString() } : {}),
    ...(recoveryEnds ? { recovery_ends_at: recoveryEnds.toISOString() } : {}),
  };
}

function attemptView(a: ChargeAttempt): ChargeAttemptWire {
  return {
    attempt: a.attemptNo,
    at: a.at.toISOString(),
    outcome: a.outcome,
    ...(a.confirmationId ? { confirmation_id: a.confirmationId } : {}),
    ...(a.declineReason ? { decline_reason: a.declineReason } : {}),
  };
}

function changeView(c: SubscriptionChange): SubscriptionChangeWire {
  return {
    at: c.occurredAt.toISOString(),
    change: c.event,
    actor: c.actor,
    ...(c.reason ? { reason: c.reason } : {}),
  };
}
