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
