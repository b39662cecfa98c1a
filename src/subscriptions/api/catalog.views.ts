import type {
  CatalogSubscription,
  SubscriptionStatusAnswer,
} from "../../contracts/subscriptions/catalog.http.ts";
import { billingFrequencyOf, catalogStatusOf } from "../domain/status-mapping.ts";
import type { Subscription } from "../domain/subscription.ts";

/** SubscribeUser's and CancelSubscription's answer. */
export function catalogView(s: Subscription): CatalogSubscription {
  return {
    subscriptionId: s.subscriptionId,
    userId: s.userId,
    planId: s.planId,
    status: s.status,
    startDate: s.anchorAt.toISOString(),
    currentPeriodEnd: s.periodEnd.toISOString(),
    billingCycle: billingFrequencyOf(s.term),
    ...(s.cancelAt ? { cancelAt: s.cancelAt.toISOString() } : {}),
    ...(s.cancelledAt ? { cancelledAt: s.cancelledAt.toISOString() } : {}),
  };
}

/** GetSubscriptionStatus 0.0.2: exactly its eight fields. */
export function statusView(s: Subscription): SubscriptionStatusAnswer {
  return {
    userId: s.userId,
    subscriptionStatus: catalogStatusOf(s),
    subscriptionPlan: s.planId,
    nextBillingDate: (s.cancelledAt ?? s.cancelAt ?? s.periodEnd).toISOString(),
    billingFrequency: billingFrequencyOf(s.term),
    amount: s.priceCents / 100,
    currency: s.currency,
    lastPaymentDate: (s.lastPaymentAt ?? s.createdAt).toISOString(),
  };
}
