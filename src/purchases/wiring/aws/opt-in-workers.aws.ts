import type { DynamoDBStreamHandler } from "aws-lambda";
import { QueueSnapshotSender, QueueSoftOptInSender } from "../../adapters/queue/standard.queues.ts";
import { handleLinkChanges } from "../../workers/link-changes.worker.ts";
import { handleSubscriptionChanges } from "../../workers/subscription-changes.worker.ts";
import { loadLinkChangesConfig } from "../config/link-changes.config.ts";
import type { ConfiguredApp, PurchasesAwsConfig } from "../config/purchases.config.ts";
import { loadSubscriptionChangesConfig } from "../config/subscription-changes.config.ts";
import { awsPurchasesDeps, purchasesAwsBase } from "./purchases.aws.ts";
import { PurchasesSecrets } from "./secrets.aws.ts";
import { braze, noAppleVerifier, noAppStoreApi, noGoogleVerifier, noPlayApi } from "./store-clients.aws.ts";

type OptInConfig = Pick<
  PurchasesAwsConfig,
  "STAGE" | "LOG_LEVEL" | "AWS_REGION" | "DYNAMODB_ENDPOINT" | "SOFT_OPT_IN_QUEUE_URL"
> & {
  readonly PURCHASES_APPS: ConfiguredApp[];
  readonly BRAZE_API_URL?: string | undefined;
  readonly BRAZE_API_KEY_SECRET_ARN?: string | undefined;
};

/** What both change-feed workers share: the links and purchases, the soft opt-in queue, Braze's welcome. */
async function optInDeps(config: OptInConfig, fn: string, secrets: PurchasesSecrets) {
  const base = purchasesAwsBase(config, fn);
  const deps = awsPurchasesDeps(base, "", {
    apps: config.PURCHASES_APPS,
    apple: { verifier: noAppleVerifier(fn), api: noAppStoreApi(fn) },
    google: { verifier: noGoogleVerifier(fn), api: noPlayApi(fn) },
  });
  return {
    base,
    deps: {
      purchases: deps.purchases,
      links: deps.links,
      apps: config.PURCHASES_APPS,
      optIns: new QueueSoftOptInSender(base.queues, config.SOFT_OPT_IN_QUEUE_URL),
      ...(await braze(secrets, config)),
      clock: base.clock,
      logger: base.logger,
    },
  };
}

/** `{stage}-purchases-user-subscriptions`' change feed: a new link's soft opt-in (and welcome). */
export async function linkChangesHandler(
  env: Record<string, string | undefined>,
  secrets = new PurchasesSecrets(),
): Promise<DynamoDBStreamHandler> {
  const { deps } = await optInDeps(loadLinkChangesConfig(env), "link-changes", secrets);
  return (event, context) => handleLinkChanges(deps, event.Records, context);
}

/** `{stage}-purchases-subscriptions`' change feed: snapshots, and a TTL deletion's severance. */
export async function subscriptionChangesHandler(
  env: Record<string, string | undefined>,
  secrets = new PurchasesSecrets(),
): Promise<DynamoDBStreamHandler> {
  const config = loadSubscriptionChangesConfig(env);
  const { base, deps } = await optInDeps(config, "subscription-changes", secrets);
  const workerDeps = { ...deps, snapshots: new QueueSnapshotSender(base.queues, config.SNAPSHOT_QUEUE_URL) };
  return (event, context) => handleSubscriptionChanges(workerDeps, event.Records, context);
}
