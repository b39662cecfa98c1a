import type { BillingTerm, Subscription } from "../../ports/subscription-service.port.ts";

/** The sandbox's record: the subscription plus the instant its periods count from. */
export interface StoredSubscription extends Subscription {
  /** RFC 3339: the start of the first period; period n starts `n` terms later. */
  readonly anchor: string;
}

/** `from` plus `count` terms, in calendar months (UTC), the day clamped to the month's last one. */
export function addTerms(from: Date, term: BillingTerm, count: number): Date {
  const months = (term === "ANNUAL" ? 12 : 1) * count;
  const target = new Date(from);
  const day = from.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/**
 * The subscription as it stands at `now`: periods renewed while their end has passed (a pending
 * downgrade applied at the first renewal on or after its effective time), and a cancellation at the
 * period's end taken into effect once that end has passed. A cancelled subscription no longer renews.
 */
export function settle(subscription: StoredSubscription, now: Date): StoredSubscription {
  let s = subscription;
  if (s.cancelAt !== undefined && Date.parse(s.cancelAt) <= now.getTime()) {
    const { cancelAt: _cancelAt, ...rest } = s;
    return { ...rest, status: "CANCELLED" };
  }
  if (s.status === "CANCELLED") return s;
  const anchor = new Date(s.anchor);
  let n = countTerms(anchor, s.period.term, new Date(s.period.start));
  while (Date.parse(s.period.end) <= now.getTime()) {
    n += 1;
    const start = addTerms(anchor, s.period.term, n);
    const end = addTerms(anchor, s.period.term, n + 1);
    s = { ...s, period: { ...s.period, start: start.toISOString(), end: end.toISOString() } };
    const pending = s.pendingDowngrade;
    if (pending !== undefined && Date.parse(pending.effective) <= start.getTime()) {
      const { pendingDowngrade: _applied, ...rest } = s;
      const { tier, tierVersion, priceCents } = pending;
      s = { ...rest, period: { ...rest.period, tier, tierVersion, priceCents } };
    }
  }
  return s;
}

function countTerms(anchor: Date, term: BillingTerm, start: Date): number {
  let n = 0;
  while (addTerms(anchor, term, n + 1).getTime() <= start.getTime()) n += 1;
  return n;
}
