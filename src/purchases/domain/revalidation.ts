/**
 * Revalidation (the model's rule, without its Scan): every subscription that renews by itself and whose
 * expiry lies between 60 days ago and 13 hours from now is fetched again every 6 hours, in case a
 * notification was lost. The work is spread: the job runs every 15 minutes and takes one of the 24
 * slots of 6 hours, by a stable hash of the subscription id, so each run fetches a 24th of the window.
 */
export const REVALIDATION_LOOKBACK_MS = 60 * 24 * 60 * 60 * 1000;
export const REVALIDATION_LOOKAHEAD_MS = 13 * 60 * 60 * 1000;
export const REVALIDATION_RUN_MS = 15 * 60 * 1000;
export const REVALIDATION_SLOTS = 24;

/** The slot a run at `now` takes: 0 to 23, a new one every 15 minutes, all of them every 6 hours. */
export function slotAt(now: Date): number {
  return Math.floor(now.getTime() / REVALIDATION_RUN_MS) % REVALIDATION_SLOTS;
}

/** A subscription's slot: FNV-1a of its id, so it is the same on every run and in every process. */
export function slotOf(subscriptionId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < subscriptionId.length; i++) {
    hash ^= subscriptionId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % REVALIDATION_SLOTS;
}

/** The expiry days (YYYY-MM-DD, UTC) the window at `now` covers, oldest first. */
export function windowDays(now: Date): string[] {
  const from = new Date(now.getTime() - REVALIDATION_LOOKBACK_MS);
  const to = new Date(now.getTime() + REVALIDATION_LOOKAHEAD_MS);
  const days: string[] = [];
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  for (; day.getTime() <= to.getTime(); day.setUTCDate(day.getUTCDate() + 1))
    days.push(day.toISOString().slice(0, 10));
  return days;
}

export function inWindow(expiresAt: Date, now: Date): boolean {
  const t = expiresAt.getTime();
  return t > now.getTime() - REVALIDATION_LOOKBACK_MS && t < now.getTime() + REVALIDATION_LOOKAHEAD_MS;
}
