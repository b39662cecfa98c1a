/** The Purchases service's name in its resources (`dev-purchase-service-api`) and in Powertools. */
import { softOptInQueue } from "../../../src/contracts/purchases/soft-opt-in.message.ts";
import { fetchQueue, snapshotsQueue } from "../../../src/purchases/adapters/queue/purchases.queues.ts";
import { type StageConfig, serviceName } from "../shared/stage.config.ts";

export const PURCHASE_SERVICE = "purchase-service";

/** `{stage}-purchase-service-{suffix}`. */
export function purchaseServiceName(config: Pick<StageConfig, "stage">, suffix: string): string {
  return serviceName(config, PURCHASE_SERVICE, suffix);
}

/**
 * The queues' physical names, from the declarations the service's module uses
 * (src/purchases/adapters/queue/purchases.queues.ts, the soft opt-in contract): written once, there.
 */
export const queueNames = (stage: string) => ({
  fetch: fetchQueue.physicalName(stage),
  fetchDeadLetters: fetchQueue.deadLetterName(stage),
  softOptIns: softOptInQueue.physicalName(stage),
  softOptInDeadLetters: softOptInQueue.deadLetterName(stage),
  snapshots: snapshotsQueue.physicalName(stage),
  snapshotDeadLetters: snapshotsQueue.deadLetterName(stage),
});

/** The queue the User Service reads, by its name in the stage's queue registry (shared/queues.registry.ts). */
export const SOFT_OPT_IN_QUEUE = softOptInQueue.name;

/** The internal API's name in the stage's API registry (shared/apis.registry.ts). */
export const PURCHASES_API = "purchases";

/** The store pushes on the public API: open at the gateway, verified by the app with the stores' own credentials. */
export const PUSH_ROUTES = [
  ["POST", "/apple/pubsub"],
  ["POST", "/google/pubsub"],
] as const;

/**
 * The users' routes on the public API: behind the Auth0 TOKEN authorizer (the app verifies the token
 * again). Services and operators call them, like every route, on the internal API over IAM.
 */
export const USER_ROUTES = [
  ["POST", "/apple/linkToSubscriptions"],
  ["POST", "/google/linkToSubscriptions"],
  ["GET", "/user/purchase-token"],
  ["GET", "/user/subscriptions/{userId}"],
  ["GET", "/user/access/{userId}"],
] as const;
