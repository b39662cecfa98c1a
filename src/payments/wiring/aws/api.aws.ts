import { handle } from "hono/aws-lambda";
import { sql } from "kysely";
import { ApiGatewayPrincipalResolver } from "../../../platform/adapters/aws/api-gateway-principal.resolver.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { onFirstUse } from "../../../platform/service/on-first-use.ts";
import { CursorCodec } from "../../../platform/store/cursor-codec.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { type IdGenerator, randomIds } from "../../../platform/time/id-generator.port.ts";
import { createPaymentsApp, type PaymentsAppServices } from "../../api/payments.app.ts";
import type { PaymentGateway } from "../../ports/payment-gateway.port.ts";
import { loadPaymentsAwsConfig, type PaymentsAwsConfig } from "../config/api.config.ts";
import { paymentsServices } from "../payments.services.ts";
import { openAwsPaymentsDatabase } from "./payments-database.aws.ts";

/**
 * The Payment Service API's composition root on AWS, once per cold start: its database (the RDS secret's
 * first read is the one network call: a failure fails the start), the Stripe gateway with the stage's
 * keys (its SDK loaded on first use), and IAM callers mapped to principals (`IAM_PRINCIPALS`). The webhook route needs no principal:
 * its API Gateway method has no authorizer and the app checks the Stripe signature.
 */
export async function buildPaymentsAwsServices(
  config: PaymentsAwsConfig,
  clock: Clock = systemClock,
  ids: IdGenerator = randomIds,
): Promise<PaymentsAppServices> {
  const logger = createLogger("payment-service", config.LOG_LEVEL);
  const db = await openAwsPaymentsDatabase(config, logger, "api");
  // Every instance seals the charges list's cursors with the stage's secret, so each honours the others'.
  const cursors = new CursorCodec({ secret: config.ROSTER_CURSOR_KEY, clock });
  // Stripe's SDK (240 KiB) is loaded on the gateway's first call: reads of methods, charges and
  // refunds, and a replayed charge key, never reach Stripe (issue 16's cold starts).
  const gateway = onFirstUse<PaymentGateway>(async () => {
    const { StripeGateway } = await import("../../adapters/stripe/stripe.gateway.ts");
    return new StripeGateway({
      apiKey: config.STRIPE_SECRET_KEY,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      timeoutMs: config.STRIPE_TIMEOUT_MS,
      maxNetworkRetries: config.STRIPE_MAX_NETWORK_RETRIES,
      ...stripeEndpoint(config.STRIPE_API_BASE_URL),
      clock,
      logger,
    });
  });
  const health = [{ name: "payments-postgres", check: async () => void (await sql`select 1`.execute(db)) }];
  return {
    logger,
    principals: new ApiGatewayPrincipalResolver({ iamPrincipals: config.IAM_PRINCIPALS }),
    health,
    payments: paymentsServices({ db, gateway, clock, ids, cursors }).payments,
  };
}

/** A test's Stripe-shaped fake instead of api.stripe.com (`STRIPE_API_BASE_URL`, unset on AWS). */
function stripeEndpoint(baseUrl: string | undefined) {
  if (baseUrl === undefined) return {};
  const url = new URL(baseUrl);
  const protocol = url.protocol === "http:" ? ("http" as const) : ("https" as const);
  return { host: url.hostname, protocol, ...(url.port ? { port: Number(url.port) } : {}) };
}

/** The API's Lambda handler: config parsed (failing fast, naming the variable) and clients built once. */
export async function paymentsApiHandler(env: Record<string, string | undefined>) {
  return handle(createPaymentsApp(await buildPaymentsAwsServices(loadPaymentsAwsConfig(env))));
}
