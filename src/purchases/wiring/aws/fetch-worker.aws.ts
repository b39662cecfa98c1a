import type { SQSHandler } from "aws-lambda";
import { handleFetchMessages } from "../../workers/fetch.worker.ts";
import { type FetchWorkerConfig, loadFetchWorkerConfig } from "../config/fetch-worker.config.ts";
import { awsPurchasesDeps, purchasesAwsBase } from "./purchases.aws.ts";
import { PurchasesSecrets } from "./secrets.aws.ts";
import {
  appleTrust,
  appleVerifier,
  appStoreApi,
  braze,
  noGoogleVerifier,
  playApi,
} from "./store-clients.aws.ts";

/**
 * The fetch worker's composition root, once per cold start: the stores' APIs with their keys (read from
 * Secrets Manager here, never logged), Apple's roots for the signed answers, Braze when configured.
 */
export async function buildFetchWorker(config: FetchWorkerConfig, secrets = new PurchasesSecrets()) {
  const base = purchasesAwsBase(config, "fetch-worker");
  const trust = await appleTrust(config.PURCHASES_APPS, config);
  const [apple, google, withBraze] = await Promise.all([
    appStoreApi(trust, secrets, config),
    playApi(secrets, config.GOOGLE_SERVICE_ACCOUNT_SECRET_ARN, base.clock),
    braze(secrets, config),
  ]);
  const deps = awsPurchasesDeps(base, config.FETCH_QUEUE_URL, {
    apps: config.PURCHASES_APPS,
    apple: { verifier: appleVerifier(trust), api: apple },
    google: { verifier: noGoogleVerifier("fetch-worker"), api: google },
    ...withBraze,
  });
  return { ...deps, logger: base.logger };
}

/** SQS FIFO `{stage}-purchases-fetch.fifo`, ReportBatchItemFailures (a failed group is retried in order). */
export async function fetchWorkerHandler(env: Record<string, string | undefined>): Promise<SQSHandler> {
  const deps = await buildFetchWorker(loadFetchWorkerConfig(env));
  return (event, context) => handleFetchMessages(deps, event.Records, context);
}
