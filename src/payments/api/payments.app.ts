import type { OpenAPIHono } from "@hono/zod-openapi";
import type { JSONWebKeySet } from "jose";
import type { AppEnv } from "../../platform/http/app-env.ts";
import type { HealthCheck } from "../../platform/http/health.routes.ts";
import { createServiceApp } from "../../platform/http/service-app.ts";
import type { PrincipalResolver } from "../../platform/identity/principal.ts";
import type { Logger } from "../../platform/logging/logger.ts";

export const PAYMENTS_API_VERSION = "0.1.0";

export interface PaymentsAppServices {
  readonly logger: Logger;
  readonly principals: PrincipalResolver;
  readonly health: readonly HealthCheck[];
  /** The local issuer's keys (absent on AWS, where IAM authorizes the callers). */
  readonly jwks?: () => JSONWebKeySet;
}

/**
 * The Payment Service's HTTP API on the shared base (its `/health`, `/openapi.json`, `/docs`). Its
 * paths start with `/payments/`, the first segment it owns on the one local port. The charge, refund,
 * payment-method and webhook routes join it as issue 12 builds them.
 */
export function createPaymentsApp(services: PaymentsAppServices): OpenAPIHono<AppEnv> {
  return createServiceApp(
    {
      title: "Roster Payment Service",
      version: PAYMENTS_API_VERSION,
      description:
        "One-time charges and their refunds, payment methods and disputes (seeds 000, 002, 004). Errors are RFC 9457 problem+json.",
      tags: [],
      logger: services.logger,
      principals: services.principals,
      health: services.health,
      jwks: services.jwks,
    },
    () => undefined,
  );
}
