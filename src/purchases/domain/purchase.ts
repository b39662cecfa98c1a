import type { StoreSubscription } from "./store-subscription.ts";

/**
 * A subscription as Roster keeps it (`subscriptions` table): the store's state from its last fetch, with
 * Roster's id and the chain links of Google's upgrades. `version` counts the writes (optimistic locking).
 */
export interface Purchase extends StoreSubscription {
  /** `apple:{originalTransactionId}` or `google:{purchaseToken}`. */
  readonly subscriptionId: string;
  /** Google: the purchase that replaced this one (`linkedPurchaseToken` on the newer token). */
  readonly replacedBy?: string;
  readonly fetchedAt: Date;
  readonly version: number;
}

/** How long a subscription is kept after it expires before the table's TTL deletes it (the model's rule). */
export const RETENTION_MONTHS = 30;

/** When the TTL deletes it: its expiry plus 30 months. */
export function retentionEnd(expiresAt: Date): Date {
  const end = new Date(expiresAt);
  end.setUTCMonth(end.getUTCMonth() + RETENTION_MONTHS);
  return end;
}

/**
 * Whether a fetched state replaces the stored one. The stored state only moves forward by the store's
 * own time: a fetch that answers an older state than the one kept (a slow fetch overtaken by a newer
 * one, a redelivered message) changes nothing, and so does one that answers the same time.
 */
export function isNewer(fetched: StoreSubscription, stored: Purchase | undefined): boolean {
  return stored === undefined || fetched.signedAt.getTime() > stored.signedAt.getTime();
}

/** Google's notification types that revoke a purchase (Play's v2 answer then says only EXPIRED). */
export const GOOGLE_REVOKING_TYPES: ReadonlySet<string> = new Set([
  "SUBSCRIPTION_REVOKED",
  "VOIDED_PURCHASE",
]);

/**
 * Google's state with its revocation: Play answers a revoked or voided purchase as EXPIRED, so a fetch
 * a revoking notification asked for, or of a purchase already known revoked, keeps it REVOKED (it gives
 * no access either way; reports and the member's history tell the refund from the end).
 */
export function withRevocation(
  fetched: StoreSubscription,
  stored: Purchase | undefined,
  revoked: boolean,
  now: Date,
): StoreSubscription {
  if (fetched.platform !== "google" || fetched.state !== "EXPIRED") return fetched;
  if (!revoked && stored?.state !== "REVOKED") return fetched;
  return { ...fetched, state: "REVOKED", canceledAt: stored?.canceledAt ?? fetched.canceledAt ?? now };
}

/**
 * The time renewal was turned off, kept across fetches. Apple does not say it: its state is dated by
 * the renewal info's signedDate, which moves to each fetch's time, so every fetch of a cancelled
 * subscription would date the cancellation later. While renewal stays off the stored, earlier time is
 * kept (a repeated fetch then changes nothing a reader sees); a first cancellation, renewal turned back
 * on, and a revocation or its reversal (the revocation's own date comes and goes) take the fetched one.
 */
export function withKnownCancellation(
  fetched: StoreSubscription,
  stored: Purchase | undefined,
): StoreSubscription {
  if (!stored?.canceledAt || !fetched.canceledAt || stored.autoRenew || fetched.autoRenew) return fetched;
  if ((fetched.state === "REVOKED") !== (stored.state === "REVOKED")) return fetched;
  if (fetched.canceledAt.getTime() <= stored.canceledAt.getTime()) return fetched;
  return { ...fetched, canceledAt: stored.canceledAt };
}
