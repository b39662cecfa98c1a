import type { Platform, StoreEnvironment } from "./store-subscription.ts";

/**
 * "Look at this subscription again": what the fetch queue carries, from a notification, a link call, the
 * revalidation schedule or a replay. Messages of one subscription are processed in order, one at a time.
 */
export type FetchReason = "notification" | "link" | "revalidation" | "replay";

export interface FetchRequest {
  readonly platform: Platform;
  readonly app: string;
  readonly environment: StoreEnvironment;
  /** originalTransactionId or purchaseToken. */
  readonly storeId: string;
  /** Google: the subscription's product id (acknowledging needs it). */
  readonly productId?: string;
  readonly reason: FetchReason;
  /** The notification (or link request) that asked: the queue's deduplication id. */
  readonly requestId: string;
  /**
   * Google said the purchase was revoked or voided (SUBSCRIPTION_REVOKED, VOIDED_PURCHASE): Play's v2
   * answer then says EXPIRED (it has no revoked state), and only this tells the two apart.
   */
  readonly revoked?: boolean;
}
