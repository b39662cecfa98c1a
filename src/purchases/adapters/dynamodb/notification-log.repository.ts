import { ConditionFailedError, TransactionCanceledError } from "../../../platform/store/store.errors.ts";
import type { Item, TableStore } from "../../../platform/store/table-store.port.ts";
import { unixSeconds } from "../../../platform/time/clock.port.ts";
import type { StoreNotification } from "../../domain/notification.ts";
import { retentionEnd } from "../../domain/purchase.ts";
import { subscriptionIdOf } from "../../domain/store-subscription.ts";
import type { LoggedNotification, NotificationLog } from "../../ports/notification-log.port.ts";
import { subscriptionEventsTable } from "./purchases.tables.ts";

/** The partition of notifications about no subscription (a test notification, a one-time product). */
const NONE = "none";
/** The marker item that makes a notification id unique, in the partition of its own. */
const markerKey = (n: Pick<StoreNotification, "platform" | "notificationId">) => ({
  subscriptionId: `notification:${n.platform}:${n.notificationId}`,
  eventKey: "marker",
});

export function partitionOf(n: Pick<StoreNotification, "platform" | "storeId">): string {
  return subscriptionIdOf(n.platform, n.storeId ?? NONE);
}

/**
 * Notifications on the `subscription-events` table. Recording is one transaction of the event and a
 * marker keyed by the store's notification id, conditional on the marker's absence: a redelivery (Apple
 * retries up to five times, Pub/Sub until it gets a 2xx) writes nothing. Both expire 30 months on.
 */
export class NotificationLogRepository implements NotificationLog {
  readonly #store: TableStore;
  constructor(store: TableStore) {
    this.#store = store;
  }

  async has(notification: Pick<StoreNotification, "platform" | "notificationId">): Promise<boolean> {
    return (await this.#store.get(subscriptionEventsTable, markerKey(notification))) !== undefined;
  }

  async record(notification: LoggedNotification): Promise<boolean> {
    const ttl = unixSeconds(retentionEnd(notification.receivedAt));
    try {
      await this.#store.transactWrite([
        {
          put: {
            table: subscriptionEventsTable,
            item: { ...markerKey(notification), ttl },
            condition: { attributeNotExists: "subscriptionId" },
          },
        },
        { put: { table: subscriptionEventsTable, item: { ...toEventItem(notification), ttl } } },
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError || error instanceof TransactionCanceledError) return false;
      throw error;
    }
  }

  async listFor(subscriptionId: string): Promise<LoggedNotification[]> {
    const found: LoggedNotification[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#store.query(subscriptionEventsTable, {
        partition: subscriptionId,
        ...(cursor ? { cursor } : {}),
      });
      found.push(...page.items.map(fromEventItem));
      cursor = page.cursor;
    } while (cursor);
    return found;
  }
}

function toEventItem(n: LoggedNotification): Item {
  return {
    subscriptionId: partitionOf(n),
    eventKey: `${n.sentAt.toISOString()}|${n.type}|${n.notificationId}`,
    date: n.receivedAt.toISOString().slice(0, 10),
    platform: n.platform,
    notificationId: n.notificationId,
    type: n.type,
    app: n.app,
    environment: n.environment,
    sentAt: n.sentAt.toISOString(),
    receivedAt: n.receivedAt.toISOString(),
    outcome: n.outcome,
    ...(n.storeId ? { storeId: n.storeId } : {}),
    ...(n.productId ? { productId: n.productId } : {}),
    ...(n.note ? { note: n.note } : {}),
  };
}

export function fromEventItem(item: Item): LoggedNotification {
  return {
    platform: item.platform as LoggedNotification["platform"],
    notificationId: item.notificationId as string,
    type: item.type as string,
    app: item.app as string,
    environment: item.environment as LoggedNotification["environment"],
    sentAt: new Date(item.sentAt as string),
    receivedAt: new Date(item.receivedAt as string),
    outcome: item.outcome as LoggedNotification["outcome"],
    ...(item.storeId ? { storeId: item.storeId as string } : {}),
    ...(item.productId ? { productId: item.productId as string } : {}),
    ...(item.note ? { note: item.note as string } : {}),
  };
}
