import { ConditionFailedError } from "../../../platform/store/store.errors.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type { Purchase } from "../../domain/purchase.ts";
import type { PurchaseRepository } from "../../ports/purchase.repository.ts";
import { fromPurchaseItem, toPurchaseItem } from "./purchase.mapper.ts";
import { subscriptionsTable } from "./purchases.tables.ts";

/** A page of revalidation: DynamoDB's query pages hold up to 1 MB; 100 purchases keep each step short. */
const EXPIRY_PAGE = 100;
/** A Scan page of the report: DynamoDB stops a page at 1 MB anyway; ~1 KB items. */
const SCAN_PAGE = 1_000;

/** The `subscriptions` table, written with optimistic locking on `version`. */
export class PurchaseStoreRepository implements PurchaseRepository {
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  async get(subscriptionId: string): Promise<Purchase | undefined> {
    const item = await this.#store.get(subscriptionsTable, { subscriptionId });
    return item ? fromPurchaseItem(item) : undefined;
  }

  async getMany(subscriptionIds: readonly string[]): Promise<Purchase[]> {
    const found: Purchase[] = [];
    for (let i = 0; i < subscriptionIds.length; i += 100) {
      const keys = subscriptionIds.slice(i, i + 100).map((subscriptionId) => ({ subscriptionId }));
      const items = await this.#store.batchGet(subscriptionsTable, keys);
      found.push(...items.map(fromPurchaseItem));
    }
    return found;
  }

  async save(purchase: Purchase, expectedVersion: number | undefined): Promise<boolean> {
    try {
      await this.#store.put(
        subscriptionsTable,
        toPurchaseItem(purchase),
        expectedVersion === undefined
          ? { attributeNotExists: "subscriptionId" }
          : { equals: ["version", expectedVersion] },
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }

  async expiringOn(day: string, cursor?: string): Promise<{ purchases: Purchase[]; cursor?: string }> {
    const page = await this.#store.query(subscriptionsTable, {
      index: "expiry-index",
      partition: day,
      limit: EXPIRY_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    return { purchases: page.items.map(fromPurchaseItem), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  async everyPurchase(cursor?: string): Promise<{ purchases: Purchase[]; cursor?: string }> {
    const page = await this.#store.scan(subscriptionsTable, {
      limit: SCAN_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    return { purchases: page.items.map(fromPurchaseItem), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }
}
