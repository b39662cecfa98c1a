import * as z from "zod";
import {
  BILLING_TERMS,
  SUBSCRIPTION_STATUSES,
  type Subscription,
} from "../ports/subscription-service.port.ts";

/**
 * The bodies of the Subscription Service's API as this client assumes them (paths in
 * subscription-service.http.ts): snake_case, RFC 3339 times, whole cents.
 */
export const BillingPeriodAnswer = z.object({
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  price_cents: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
  term: z.enum(BILLING_TERMS),
  tier: z.string().min(1),
  tier_version: z.string().min(1),
});

export const SubscriptionAnswer = z.object({
  subscription_id: z.string().min(1),
  status: z.enum(SUBSCRIPTION_STATUSES),
  period: BillingPeriodAnswer,
  pause: z.object({ months: z.number().int().min(1), first_skipped_payment: z.iso.date() }).optional(),
  pending_downgrade: z
    .object({
      tier: z.string().min(1),
      tier_version: z.string().min(1),
      price_cents: z.number().int().min(0),
      effective: z.iso.datetime({ offset: true }),
    })
    .optional(),
  cancel_at: z.iso.datetime({ offset: true }).optional(),
});

export type BillingPeriodWire = z.infer<typeof BillingPeriodAnswer>;
export type SubscriptionWire = z.infer<typeof SubscriptionAnswer>;

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
