/** The Purchases service's name in its resources (`dev-purchase-service-api`) and in Powertools. */
import { softOptInQueue } from "../../../src/contracts/purchases/soft-opt-in.message.ts";
import { type StageConfig, serviceName } from "../shared/stage.config.ts";

export const PURCHASE_SERVICE = "purchase-service";

/** `{stage}-purchase-service-{suffix}`. */
export function purchaseServiceName(config: Pick<StageConfig, "stage">, suffix: string): string {
  return serviceName(config, PURCHASE_SERVICE, suffix);
}

/** The queues' names, as the service's module declares them (src/purchases/purchases.module.ts). */
export const queueNames = (stage: string) => ({
  fetch: `${stage}-purchases-fetch.fifo`,
  fetchDeadLetters: `${stage}-purchases-fetch-dlq.fifo`,
  softOptIns: softOptInQueue.physicalName(stage),
  softOptInDeadLetters: softOptInQueue.deadLetterName(stage),
  snapshots: `${stage}-purchases-snapshots`,
  snapshotDeadLetters: `${stage}-purchases-snapshots-dlq`,
});

/** The queue the User Service reads, by its name in the stage's queue registry (shared/queues.registry.ts). */
export const SOFT_OPT_IN_QUEUE = softOptInQueue.name;

/** The store pushes: public at the gateway, verified by the app with the stores' own credentials. */
export const PUSH_ROUTES = [
  ["POST", "/apple/pubsub"],
  ["POST", "/google/pubsub"],
] as const;

/** The users' routes: behind the Auth0 TOKEN authorizer (the app verifies the token again). */
export const USER_ROUTES = [
  ["POST", "/apple/linkToSubscriptions"],
  ["POST", "/google/linkToSubscriptions"],
  ["GET", "/user/purchase-token"],
  ["GET", "/user/subscriptions/{userId}"],
  ["GET", "/user/access/{userId}"],
] as const;

/** The services' and operators' status routes: IAM (under the stores' paths, so named explicitly). */
export const STATUS_ROUTES = [
  ["POST", "/apple/subscription/status"],
  ["GET", "/google/subscription/{subscriptionId}/status"],
] as const;
