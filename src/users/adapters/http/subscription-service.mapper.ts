import type {
  BillingPeriodWire,
  SubscriptionWire,
} from "../../../contracts/subscriptions/subscriptions.http.ts";
import type { Subscription } from "../../ports/subscription-service.port.ts";

/** The Subscription Service's bodies (its contract) <-> the User Service's port types. */
export function periodFromWire(p: BillingPeriodWire): Subscription["period"] {
  return {
    start: p.start,
    end: p.end,
    priceCents: p.price_cents,
    currency: p.currency,
    term: p.term,
    tier: p.tier,
    tierVersion: p.tier_version,
  };
}

export function subscriptionFromWire(s: SubscriptionWire): Subscription {
  const { pause, pending_downgrade: pending, cancel_at: cancelAt } = s;
  return {
    subscriptionId: s.subscription_id,
    status: s.status,
    period: periodFromWire(s.period),
    ...(pause ? { pause: { months: pause.months, firstSkippedPayment: pause.first_skipped_payment } } : {}),
    ...(pending
      ? {
          pendingDowngrade: {
            tier: pending.tier,
            tierVersion: pending.tier_version,
            priceCents: pending.price_cents,
            effective: pending.effective,
          },
        }
      : {}),
    ...(cancelAt ? { cancelAt } : {}),
  };
}

export function periodToWire(p: Subscription["period"]): BillingPeriodWire {
  return {
    start: p.start,
    end: p.end,
    price_cents: p.priceCents,
    currency: p.currency,
    term: p.term,
    tier: p.tier,
    tier_version: p.tierVersion,
  };
}

/** The service's side of the mapping, for its fakes (and to keep both directions in one place). */
export function subscriptionToWire(s: Subscription): SubscriptionWire {
  const pending = s.pendingDowngrade;
  return {
    subscription_id: s.subscriptionId,
    status: s.status,
    period: periodToWire(s.period),
    ...(s.pause
      ? { pause: { months: s.pause.months, first_skipped_payment: s.pause.firstSkippedPayment } }
      : {}),
    ...(pending
      ? {
          pending_downgrade: {
            tier: pending.tier,
            tier_version: pending.tierVersion,
            price_cents: pending.priceCents,
            effective: pending.effective,
          },
        }
      : {}),
    ...(s.cancelAt ? { cancel_at: s.cancelAt } : {}),
  };
}
