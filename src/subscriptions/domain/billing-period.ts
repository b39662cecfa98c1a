import type { BillingTerm } from "./subscription.ts";

const MONTHS: Record<BillingTerm, number> = { MONTHLY: 1, ANNUAL: 12 };

/**
 * `from` plus `count` terms in calendar months (UTC), the day of the anchor kept and clamped to the
 * month's last day (Jan 31 -> Feb 28 -> Mar 31, as Stripe's `billing_cycle_anchor`). Counting from the
 * anchor each time keeps a clamped month from shortening every later one.
 */
export function addTerms(from: Date, term: BillingTerm, count: number): Date {
  const months = MONTHS[term] * count;
  const target = new Date(from);
  const day = from.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** The period that starts at `start` (one of the anchor's), and where it ends. */
export function periodFrom(anchor: Date, term: BillingTerm, start: Date): { start: Date; end: Date } {
  const n = termsBetween(anchor, term, start);
  return { start: addTerms(anchor, term, n), end: addTerms(anchor, term, n + 1) };
}

/** How many whole terms lie between the anchor and `at` (the index of the period holding `at`). */
export function termsBetween(anchor: Date, term: BillingTerm, at: Date): number {
  let n = 0;
  while (addTerms(anchor, term, n + 1).getTime() <= at.getTime()) n += 1;
  return n;
}

/** YYYY-MM-DD of an instant, in UTC. */
export const dateOf = (at: Date) => at.toISOString().slice(0, 10);
