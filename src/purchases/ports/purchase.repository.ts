import type { Purchase } from "../domain/purchase.ts";

/** The `subscriptions` table. */
export interface PurchaseRepository {
  get(subscriptionId: string): Promise<Purchase | undefined>;
  getMany(subscriptionIds: readonly string[]): Promise<Purchase[]>;
  /**
   * Writes the purchase if the stored one is still at `expectedVersion` (undefined: not stored yet);
   * false when another write came first (read again and decide again).
   */
  save(purchase: Purchase, expectedVersion: number | undefined): Promise<boolean>;
  /** The purchases whose expiry falls on `day` (YYYY-MM-DD, UTC), through the expiry index. */
  expiringOn(day: string, cursor?: string): Promise<{ purchases: Purchase[]; cursor?: string }>;
  /**
   * Every stored purchase, a page at a time in no promised order (a Scan): for the operators' report
   * only, which bounds how many it reads; a request path reads by key or by index.
   */
  everyPurchase(cursor?: string): Promise<{ purchases: Purchase[]; cursor?: string }>;
}
