import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import type {
  AppStoreSandboxState,
  SandboxNotification,
  SandboxSubscription,
} from "./app-store-sandbox.state.ts";
import type { PlayStoreSandboxState, SandboxPurchase } from "./play-store-sandbox.state.ts";

/**
 * The local stores' own table in the embedded store (never created on AWS): what the App Store and
 * Google Play sandboxes remember, one partition per kind, each value its JSON. The local server (its
 * loopback store APIs) and the `npm run purchases` CLI open the same data folder, so both see one state.
 */
export const storeSandboxTable = {
  name: "purchases-store-sandbox",
  partitionKey: { name: "kind", type: "S" },
  sortKey: { name: "id", type: "S" },
} as const satisfies TableSpec;

type Kind = "apple-subscription" | "apple-notification" | "google-purchase";

class Partition<T> {
  readonly #store: TableStore;
  readonly #kind: Kind;
  constructor(store: TableStore, kind: Kind) {
    this.#store = store;
    this.#kind = kind;
  }

  async get(id: string): Promise<T | undefined> {
    const item = await this.#store.get(storeSandboxTable, { kind: this.#kind, id });
    return item ? (JSON.parse(item.value as string) as T) : undefined;
  }

  async put(id: string, value: T): Promise<void> {
    await this.#store.put(storeSandboxTable, { kind: this.#kind, id, value: JSON.stringify(value) });
  }

  async list(): Promise<T[]> {
    const values: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#store.query(storeSandboxTable, {
        partition: this.#kind,
        ...(cursor ? { cursor } : {}),
      });
      values.push(...page.items.map((item) => JSON.parse(item.value as string) as T));
      cursor = page.cursor;
    } while (cursor);
    return values;
  }
}

/** The local App Store's subscriptions and notification history on the embedded store. */
export class StoreAppStoreSandboxState implements AppStoreSandboxState {
  readonly #subscriptions: Partition<SandboxSubscription>;
  readonly #notifications: Partition<SandboxNotification>;

  constructor(store: TableStore) {
    this.#subscriptions = new Partition(store, "apple-subscription");
    this.#notifications = new Partition(store, "apple-notification");
  }

  get(originalTransactionId: string): Promise<SandboxSubscription | undefined> {
    return this.#subscriptions.get(originalTransactionId);
  }

  put(originalTransactionId: string, value: SandboxSubscription): Promise<void> {
    return this.#subscriptions.put(originalTransactionId, value);
  }

  list(): Promise<SandboxSubscription[]> {
    return this.#subscriptions.list();
  }

  putNotification(notification: SandboxNotification): Promise<void> {
    return this.#notifications.put(notification.notificationUUID, notification);
  }

  async notifications(): Promise<SandboxNotification[]> {
    return (await this.#notifications.list()).sort((a, b) => a.sentAt - b.sentAt);
  }
}

/** The local Google Play's purchases on the embedded store. */
export class StorePlayStoreSandboxState implements PlayStoreSandboxState {
  readonly #purchases: Partition<SandboxPurchase>;
  constructor(store: TableStore) {
    this.#purchases = new Partition(store, "google-purchase");
  }

  get(token: string): Promise<SandboxPurchase | undefined> {
    return this.#purchases.get(token);
  }

  put(token: string, value: SandboxPurchase): Promise<void> {
    return this.#purchases.put(token, value);
  }

  list(): Promise<SandboxPurchase[]> {
    return this.#purchases.list();
  }
}
