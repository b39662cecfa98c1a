import type { TableStore } from "../../platform/store/table-store.port.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../platform/time/id-generator.port.ts";
import { AccountTokenStoreRepository } from "../adapters/dynamodb/account-token.repository.ts";
import { NotificationLogRepository } from "../adapters/dynamodb/notification-log.repository.ts";
import { PurchaseStoreRepository } from "../adapters/dynamodb/purchase-store.repository.ts";
import { UserLinkStoreRepository } from "../adapters/dynamodb/user-link.repository.ts";
import { decodePubSubPush } from "../adapters/google/developer-notification.decoder.ts";
import { type FifoBatchQueue, QueueFetchQueue } from "../adapters/queue/fetch.queue.ts";
import type { StoreApp } from "../domain/apps.ts";
import type { AppleNotificationVerifier, AppStoreApi } from "../ports/app-store.port.ts";
import type { BrazeApi } from "../ports/braze.port.ts";
import type { GooglePushVerifier, PlayDeveloperApi } from "../ports/google-play.port.ts";
import type { PurchasesDeps } from "../use-cases/purchases.deps.ts";

export interface PurchasesParts {
  readonly store: TableStore;
  /** The FIFO fetch queue and its name (a queue URL on AWS). */
  readonly fetchQueue: FifoBatchQueue;
  readonly fetchQueueName: string;
  readonly apps: readonly StoreApp[];
  readonly apple: { readonly verifier: AppleNotificationVerifier; readonly api: AppStoreApi };
  readonly google: { readonly verifier: GooglePushVerifier; readonly api: PlayDeveloperApi };
  readonly braze?: BrazeApi;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * The Purchases service's use cases on their adapters, the same on AWS and locally: only the stores'
 * clients (the vendors' APIs, or the local sandboxes' loopback ones), the queue and the store differ.
 */
export function purchasesDeps(parts: PurchasesParts): PurchasesDeps {
  const packageNames = parts.apps.filter((app) => app.platform === "google").map((app) => app.app);
  return {
    purchases: new PurchaseStoreRepository(parts.store),
    notifications: new NotificationLogRepository(parts.store),
    links: new UserLinkStoreRepository(parts.store),
    tokens: new AccountTokenStoreRepository(parts.store),
    fetchQueue: new QueueFetchQueue(parts.fetchQueue, parts.fetchQueueName),
    apps: parts.apps,
    apple: parts.apple,
    google: { ...parts.google, decode: (body) => decodePubSubPush(body, { packageNames }) },
    ...(parts.braze ? { braze: parts.braze } : {}),
    clock: parts.clock,
    ids: parts.ids,
  };
}
