import type { Flow } from "@eventcatalog/sdk";
import { flow, MESSAGE, SERVICE, step } from "./steps.ts";

const STORE = {
  name: "App Store or Google Play",
  summary: "App Store Server Notifications V2; Play's real-time notifications by Pub/Sub push.",
};

/** The Purchases Service's flow: acknowledge fast, fetch after (design: purchases.md; src/purchases/README.md). */
export const PURCHASE_FLOWS: readonly Flow[] = [
  flow(
    "StoreNotification",
    "A store notification: acknowledge fast, fetch after",
    "A store's notification only says to look again: it is verified, recorded once and answered, and the fetch worker reads the store's state, keeps it if newer by the store's own time, links the user, snapshots the change and tells the User Service of a new subscriber.",
    [
      step(1, "POST /apple/pubsub {signedPayload} or POST /google/pubsub", { externalSystem: STORE }, 2),
      step(
        2,
        "Verified (Apple's JWS by SignedDataVerifier, Google's OIDC token), recorded once in subscription-events, answered 2xx",
        { service: SERVICE.purchases },
        3,
      ),
      step(
        3,
        "On {stage}-purchases-fetch.fifo, grouped by the subscription",
        { message: MESSAGE.FetchSubscription },
        4,
      ),
      step(
        4,
        "Fetch worker: the store's API asked, the state kept only if newer; the user of the account token linked",
        { service: SERVICE.purchases },
        { id: 5, label: "a store error" },
        { id: 6, label: "kept: newer by the store's time" },
        { id: 8, label: "a user linked" },
        { id: 10, label: "the app asks later" },
      ),
      step(
        5,
        "Retryable: the group waits, retried, then the dead-letter queue; terminal: recorded as FETCH_FAILED",
        { custom: { title: "Retry or record" } },
      ),
      step(
        6,
        "Subscription changes: a historical snapshot of every version",
        { message: MESSAGE.SubscriptionSnapshot },
        7,
      ),
      step(7, "Snapshots worker: archived once as gzipped NDJSON by day", { service: SERVICE.purchases }),
      step(
        8,
        "Link changes: a new link's Acquisition (later, a TTL deletion's Cancellation per linked user)",
        { message: MESSAGE.SoftOptIn },
        9,
      ),
      step(9, "Soft opt-in worker: a consent item, once per message", { service: SERVICE.users }),
      step(10, "The user's access now: GET /user/access/{userId} answers the store's state, judged now", {
        service: SERVICE.purchases,
      }),
    ],
  ),
];
