import type {
  BillingPeriodWire,
  SubscriptionWire,
} from "../../contracts/subscriptions/subscriptions.http.ts";
import { membershipStatusOf } from "../domain/status-mapping.ts";
import type { Subscription } from "../domain/subscription.ts";

/** The subscription as the User Service's contract answers it (contracts/subscriptions/subscriptions.http.ts). */
export function membershipView(s: Subscription): SubscriptionWire {
  const pending = s.pendingDowngrade;
  return {
    subscription_id: s.subscriptionId,
    status: membershipStatusOf(s),
    period: periodView(s),
    ...(s.pause
      ? { pause: { months: s.pause.months, first_skipped_payment: s.pause.firstSkippedPayment } }
      : {}),
    ...(pending
      ? {
          pending_downgrade: {
            tier: pending.tier,
            tier_version: pending.tierVersion,
            price_cents: pending.priceCents,
            effective: pending.effective.toISOString(),
          },
        }
      : {}),
    ...(s.cancelAt ? { cancel_at: s.cancelAt.toISOString() } : {}),
  };
}

/** The current period, priced as the next renewal bills it. */
export function periodView(s: Subscription): BillingPeriodWire {
  return {
    start: s.periodStart.toISOString(),
    end: s.periodEnd.toISOString(),
    price_cents: s.priceCents,
    currency: s.currency,
    term: s.term,
    tier: s.tier,
    tier_version: s.tierVersion,
  };
}
