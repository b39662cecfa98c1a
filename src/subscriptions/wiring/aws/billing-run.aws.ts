import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { Context } from "aws-lambda";
import { PowertoolsMetrics } from "../../../platform/adapters/aws/powertools.metrics.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { type IdGenerator, randomIds } from "../../../platform/time/id-generator.port.ts";
import { MembershipsHttpClient } from "../../adapters/http/memberships.http.ts";
import { RenewalChargesHttpClient } from "../../adapters/http/renewal-charges.http.ts";
import { runDueCycles } from "../../workers/billing-run.worker.ts";
import { deliverFollowups } from "../../workers/membership-followups.worker.ts";
import { type BillingRunConfig, loadBillingRunConfig } from "../config/billing-run.config.ts";
import { subscriptionsServices } from "../subscriptions.services.ts";
import { openAwsSubscriptionsDatabase, SUBSCRIPTION_SERVICE } from "./subscriptions-database.aws.ts";

/**
 * The billing run's composition root on AWS, once per cold start: the database, and the Payment and
 * User Services' IAM APIs over SigV4-signed `fetch` with the role's credentials (resolved on the first
 * call; no SDK client). `subscriptions.recovery.window` goes out as EMF.
 */
export async function buildBillingRun(
  config: BillingRunConfig,
  clock: Clock = systemClock,
  ids: IdGenerator = randomIds,
) {
  const logger = createLogger(`${SUBSCRIPTION_SERVICE}-billing-run`, config.LOG_LEVEL);
  const db = await openAwsSubscriptionsDatabase(config, logger, "billing-run");
  const credentials = defaultProvider();
  const signed = (baseUrl: string, region: string | undefined) => ({
    baseUrl,
    region: region ?? config.AWS_REGION,
    credentials,
    timeoutMs: config.INTERNAL_API_TIMEOUT_MS,
    clock,
    logger,
  });
  return subscriptionsServices({
    db,
    clock,
    ids,
    logger,
    metrics: new PowertoolsMetrics({
      namespace: config.METRICS_NAMESPACE,
      serviceName: SUBSCRIPTION_SERVICE,
    }),
    charges: new RenewalChargesHttpClient(signed(config.PAYMENT_API_URL, config.PAYMENT_API_REGION)),
    memberships: new MembershipsHttpClient(signed(config.USER_API_URL, config.USER_API_REGION)),
  });
}

/**
 * EventBridge Scheduler's run every 5 minutes (one at a time: reserved concurrency 1): due cycles in
 * batches while time is left, the rest waiting for the next run, then the follow-ups.
 */
export async function billingRunHandler(env: Record<string, string | undefined>) {
  const config = loadBillingRunConfig(env);
  const services = await buildBillingRun(config);
  return async (_event: unknown, context: Context) => {
    const batchSize = config.BILLING_BATCH_SIZE;
    let batches = 0;
    let claimed = 0;
    while (
      batches < config.BILLING_MAX_BATCHES &&
      context.getRemainingTimeInMillis() > config.BILLING_RESERVE_MS
    ) {
      const result = await runDueCycles(services.run, { batchSize, maxBatches: 1 });
      batches += 1;
      claimed += result.claimed;
      if (result.claimed < batchSize) break;
    }
    const delivered = await deliverFollowups(services.followups);
    return { batches, claimed, delivered };
  };
}
