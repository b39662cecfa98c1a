import type { Platform, StoreEnvironment } from "./store-subscription.ts";

/**
 * What a verified store notification tells Roster. A notification only says "look again": Roster fetches
 * the authoritative state from the store's API after acknowledging it. `outcome` says whether it does:
 * `fetch` (the state may have changed), `record` (nothing to fetch: a test notification, a one-time
 * product, a refund under review, a type this version does not know).
 */
export type NotificationOutcome = "fetch" | "record";

export interface StoreNotification {
  readonly platform: Platform;
  /** Apple's notificationUUID, Pub/Sub's messageId: the key that records a notification once. */
  readonly notificationId: string;
  /** Apple's `notificationType` (with `subtype` after a dot, `DID_RENEW.BILLING_RECOVERY`); Google's type name. */
  readonly type: string;
  readonly app: string;
  readonly environment: StoreEnvironment;
  /** When the store made it: Apple's signedDate, Google's eventTimeMillis. */
  readonly sentAt: Date;
  /** The store's subscription id it is about (originalTransactionId, purchaseToken), if any. */
  readonly storeId?: string;
  /** Google: the subscription's product id (the v1 acknowledge call needs it). */
  readonly productId?: string;
  readonly outcome: NotificationOutcome;
}
