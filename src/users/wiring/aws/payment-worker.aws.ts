import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { KinesisStreamHandler } from "aws-lambda";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { sigV4Authorizer } from "../../adapters/http/user-service-api.authorizers.ts";
import { HttpUserServiceApi } from "../../adapters/http/user-service-api.http.ts";
import type { PaymentWorkerDeps } from "../../workers/payment.worker.ts";
import { handlePaymentRecords } from "../../workers/payment.worker.ts";
import type { PaymentWorkerConfig } from "../config/payment-worker.config.ts";
import { loadPaymentWorkerConfig } from "../config/payment-worker.config.ts";
import { growthbookCatalog } from "./growthbook-catalog.aws.ts";

/**
 * The payment worker's composition root (seed 004), run once at cold start: Growthbook's catalogue (its
 * first load is the one network call, never failing the start) and the User Service's own API, signed
 * with the Lambda role's credentials.
 */
export async function buildPaymentWorker(
  config: PaymentWorkerConfig,
  clock: Clock = systemClock,
): Promise<PaymentWorkerDeps> {
  const logger = createLogger("user-service-payment-worker", config.LOG_LEVEL);
  return {
    logger,
    catalog: await growthbookCatalog(config, logger),
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

/** The payment worker's Lambda handler, composed once at cold start from `env` (Growthbook loaded once). */
export async function paymentWorkerHandler(
  env: Record<string, string | undefined>,
): Promise<KinesisStreamHandler> {
  const deps = await buildPaymentWorker(loadPaymentWorkerConfig(env));
  return (event, context) => handlePaymentRecords(deps, event.Records, context);
}
