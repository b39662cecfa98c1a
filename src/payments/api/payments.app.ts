import type { OpenAPIHono } from "@hono/zod-openapi";
import type { JSONWebKeySet } from "jose";
import type { AppEnv } from "../../platform/http/app-env.ts";
import type { HealthCheck } from "../../platform/http/health.routes.ts";
import { createServiceApp } from "../../platform/http/service-app.ts";
import type { PrincipalResolver } from "../../platform/identity/principal.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { paymentsAsyncApiDocument } from "../messages/asyncapi.document.ts";
import type { ChargeDeps } from "../use-cases/charges/charge.deps.ts";
import type { MethodDeps } from "../use-cases/methods/method.deps.ts";
import type { RefundDeps } from "../use-cases/refunds/refund-charge.use-case.ts";
import type { ReportDeps } from "../use-cases/reports/charges-report.query.ts";
import type { WebhookDeps } from "../use-cases/webhooks/receive-gateway-event.use-case.ts";
import { registerChargeRoutes } from "./charge.routes.ts";
import { registerPaymentMethodRoutes } from "./payment-method.routes.ts";
import { registerReportRoutes } from "./report.routes.ts";
import { registerWebhookRoutes } from "./webhook.routes.ts";

export const PAYMENTS_API_VERSION = "0.1.0";

/** What every route runs on: the store's repositories, the gateway, the clock and ids. */
export type PaymentsDeps = ChargeDeps & RefundDeps & MethodDeps & WebhookDeps & ReportDeps;

const PAYMENTS_TAGS = [
  { name: "Charges", description: "One-time charges and their refunds, one per Idempotency-Key" },
  { name: "Payment methods", description: "Cards attached from the gateway's tokens; never a card number" },
  { name: "Webhooks", description: "The gateway's events, authenticated by their signature" },
  { name: "Charge reports", description: "Day-by-day figures for the operators' dashboard" },
];

export interface PaymentsAppServices {
  readonly payments: PaymentsDeps;
  readonly logger: Logger;
  readonly principals: PrincipalResolver;
  readonly health: readonly HealthCheck[];
  /** The local issuer's keys (absent on AWS, where IAM authorizes the callers). */
  readonly jwks?: () => JSONWebKeySet;
}

/**
 * The Payment Service's HTTP API on the shared base (its `/health`, `/openapi.json`, `/docs`): charges
 * and refunds, payment methods, the gateway's webhook. Its paths start with `/payments/`, the first
 * segment it owns on the one local port.
 */
export function createPaymentsApp(services: PaymentsAppServices): OpenAPIHono<AppEnv> {
  return createServiceApp(
    {
      title: "Roster Payment Service",
      version: PAYMENTS_API_VERSION,
      description:
        "One-time charges and their refunds, payment methods and disputes (seeds 000, 002, 004). Errors are RFC 9457 problem+json.",
      tags: PAYMENTS_TAGS,
      logger: services.logger,
      principals: services.principals,
      health: services.health,
      jwks: services.jwks,
      // The stream it produces, public like the OpenAPI document (under its own first segment).
      documents: { "/payments/asyncapi.json": paymentsAsyncApiDocument },
    },
    (app) => {
      registerChargeRoutes(app, services.payments);
      registerPaymentMethodRoutes(app, services.payments);
      registerWebhookRoutes(app, services.payments);
      registerReportRoutes(app, services.payments);
    },
  );
}
