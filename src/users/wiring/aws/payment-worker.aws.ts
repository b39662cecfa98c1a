import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { KinesisStreamHandler } from "aws-lambda";
import { createLogger } from "../../../platform/logging/logger.ts";
import { onFirstUse } from "../../../platform/service/on-first-use.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { sigV4Authorizer } from "../../adapters/http/user-service-api.authorizers.ts";
import { HttpUserServiceApi } from "../../adapters/http/user-service-api.http.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { PaymentWorkerDeps } from "../../workers/payment.worker.ts";
import { handlePaymentRecords } from "../../workers/payment.worker.ts";
import type { PaymentWorkerConfig } from "../config/payment-worker.config.ts";
import { loadPaymentWorkerConfig } from "../config/payment-worker.config.ts";

/**
 * The payment worker's composition root (seed 004), run once at cold start: Growthbook's catalogue and
 * the User Service's own API, signed with the Lambda role's credentials. Growthbook's SDK connects on the
 * first flag read (a chargeback's ban flag): the worker skips every other record, so most cold starts
 * neither load the SDK nor wait for its first load.
 */
export async function buildPaymentWorker(
  config: PaymentWorkerConfig,
  clock: Clock = systemClock,
): Promise<PaymentWorkerDeps> {
  const logger = createLogger("user-service-payment-worker", config.LOG_LEVEL);
  return {
    logger,
    catalog: onFirstUse<MembershipCatalog>(async () =>
      (await import("./growthbook-catalog.aws.ts")).growthbookCatalog(config, logger),
    ),
    api: new HttpUserServiceApi({
      baseUrl: config.USER_SERVICE_API_URL,
      timeoutMs: config.USER_SERVICE_API_TIMEOUT_MS,
      logger,
      authorize: sigV4Authorizer({
        region: config.USER_SERVICE_API_REGION ?? config.AWS_REGION,
        credentials: defaultProvider(),
        clock,
      }),
    }),
  };
}

/** The payment worker's Lambda handler, composed once at cold start from `env` (Growthbook connected once, by the first flag read). */
export async function paymentWorkerHandler(
  env: Record<string, string | undefined>,
): Promise<KinesisStreamHandler> {
  const deps = await buildPaymentWorker(loadPaymentWorkerConfig(env));
  return (event, context) => handlePaymentRecords(deps, event.Records, context);
}
