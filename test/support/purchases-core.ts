import { DatabaseSync } from "node:sqlite";
import type { LocalIssuer } from "../../src/platform/adapters/embedded/local-issuer.ts";
import { SqliteTableStore } from "../../src/platform/adapters/embedded/sqlite-table.store.ts";
import type { TableStore } from "../../src/platform/store/table-store.port.ts";
import { ManualClock } from "../../src/platform/time/clock.port.ts";
import { randomIds } from "../../src/platform/time/id-generator.port.ts";
import { AccountTokenStoreRepository } from "../../src/purchases/adapters/dynamodb/account-token.repository.ts";
import { NotificationLogRepository } from "../../src/purchases/adapters/dynamodb/notification-log.repository.ts";
import { PurchaseStoreRepository } from "../../src/purchases/adapters/dynamodb/purchase-store.repository.ts";
import { UserLinkStoreRepository } from "../../src/purchases/adapters/dynamodb/user-link.repository.ts";
import { QueueFetchQueue } from "../../src/purchases/adapters/queue/fetch.queue.ts";
import {
  QueueSnapshotSender,
  QueueSoftOptInSender,
} from "../../src/purchases/adapters/queue/standard.queues.ts";
import { createPurchasesApp } from "../../src/purchases/api/purchases.app.ts";
import type { StoreApp } from "../../src/purchases/domain/apps.ts";
import type { StoreNotification } from "../../src/purchases/domain/notification.ts";
import type { StoreSubscription } from "../../src/purchases/domain/store-subscription.ts";
import { fetchSubscription } from "../../src/purchases/use-cases/fetch/fetch-subscription.use-case.ts";
import { issueAccountToken } from "../../src/purchases/use-cases/links/issue-account-token.use-case.ts";
import type { OptInDeps } from "../../src/purchases/use-cases/opt-ins/opt-in.deps.ts";
import type { PurchasesDeps } from "../../src/purchases/use-cases/purchases.deps.ts";
import {
  bearerGoogleVerifier,
  FakeStores,
  MemoryBatchQueue,
  MemoryFifoQueue,
  trustingAppleVerifier,
} from "../fakes/store-apis.fake.ts";
import { testLogger } from "./log-capture.ts";

export const APPS: readonly StoreApp[] = [
  {
    name: "ios",
    platform: "apple",
    app: "dev.roster.app",
    environments: ["production", "sandbox"],
    productName: "InAppPurchase",
  },
  {
    name: "ios-feast",
    platform: "apple",
    app: "dev.roster.feast",
    environments: ["sandbox"],
    productName: "FeastInAppPurchase",
    accountTokens: "braze",
    welcomeCampaign: "feast-welcome",
  },
  {
    name: "android",
    platform: "google",
    app: "dev.roster.android",
    environments: ["production"],
    productName: "InAppPurchase",
  },
];

/** The purchases core on the embedded table store, with the stores and the fetch queue faked at their ports. */
export function purchasesCore(start = "2026-12-01T12:00:00.000Z") {
  const clock = new ManualClock(start);
  const store = new SqliteTableStore(new DatabaseSync(":memory:"), "test", clock);
  return purchasesCoreOn(store, clock);
}

/** The same core on any table store (DynamoDB Local's, say) on the test's clock. */
export function purchasesCoreOn<S extends TableStore>(store: S, clock: ManualClock) {
  const stores = new FakeStores();
  const queue = new MemoryFifoQueue();
  const deps: PurchasesDeps = {
    purchases: new PurchaseStoreRepository(store),
    notifications: new NotificationLogRepository(store),
    links: new UserLinkStoreRepository(store),
    tokens: new AccountTokenStoreRepository(store),
    fetchQueue: new QueueFetchQueue(queue, "test-purchases-fetch.fifo"),
    apps: APPS,
    apple: { verifier: trustingAppleVerifier, api: stores },
    google: {
      verifier: bearerGoogleVerifier("google-push-token"),
      decode: (body) => {
        const n = body as StoreNotification & { sentAt: string };
        return { ...n, sentAt: new Date(n.sentAt) };
      },
      api: stores,
    },
    clock,
    ids: randomIds,
  };
  const optInQueue = new MemoryBatchQueue();
  const snapshotQueue = new MemoryBatchQueue();
  const optIns: OptInDeps = {
    purchases: deps.purchases,
    links: deps.links,
    apps: APPS,
    optIns: new QueueSoftOptInSender(optInQueue, "test-purchases-soft-opt-ins"),
    clock,
  };
  const snapshots = new QueueSnapshotSender(snapshotQueue, "test-purchases-snapshots");
  return { deps, clock, store, stores, queue, optIns, optInQueue, snapshots, snapshotQueue };
}

/** An App Store subscription as the store's API answers it, active and renewing; `overrides` on top. */
export function appleState(overrides: Partial<StoreSubscription> = {}): StoreSubscription {
  return {
    platform: "apple",
    storeId: "2000000000000001",
    app: "dev.roster.app",
    environment: "sandbox",
    productId: "premium.monthly",
    state: "ACTIVE",
    startAt: new Date("2026-12-01T12:00:00Z"),
    expiresAt: new Date("2027-01-01T12:00:00Z"),
    autoRenew: true,
    freeTrial: false,
    ownership: "PURCHASED",
    signedAt: new Date("2026-12-01T12:00:01Z"),
    ...overrides,
  };
}

/**
 * The Purchases Service's app over a fresh core at `at`, its principals from `issuer`, and `bought`:
 * the store's state of a purchase made with a user's account token, fetched as the fetch worker does.
 */
export function purchasesApiAt(issuer: LocalIssuer, at: string, logName: string) {
  const core = purchasesCore(at);
  const api = createPurchasesApp({
    purchases: core.deps,
    logger: testLogger(logName),
    principals: issuer.principalResolver(core.clock),
    health: [],
  });
  const bought = async (user: string, state: StoreSubscription) => {
    const { accountToken } = await issueAccountToken(core.deps, user);
    core.stores.set({ ...state, accountToken });
    await fetchSubscription(core.deps, {
      platform: state.platform,
      app: state.app,
      environment: state.environment,
      storeId: state.storeId,
      reason: "notification",
      requestId: `buy:${state.storeId}:${user}`,
    });
  };
  return { ...core, api, bought };
}
