import type { OpenAPIHono } from "@hono/zod-openapi";
import type { JSONWebKeySet } from "jose";
import type { AppEnv } from "../../platform/http/app-env.ts";
import type { HealthCheck } from "../../platform/http/health.routes.ts";
import { createServiceApp } from "../../platform/http/service-app.ts";
import type { PrincipalResolver } from "../../platform/identity/principal.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { subscriptionsAsyncApiDocument } from "../messages/asyncapi.document.ts";
import type { SubscriptionDeps } from "../use-cases/subscription.deps.ts";
import { registerCatalogRoutes } from "./catalog.routes.ts";
import { registerFulfilmentRoutes } from "./fulfilment.routes.ts";
import { registerMembershipBillingRoutes } from "./membership-billing.routes.ts";
import { registerOperatorRoutes } from "./operator.routes.ts";

export const SUBSCRIPTIONS_API_VERSION = "0.1.0";

const SUBSCRIPTIONS_TAGS = [
  {
    name: "Catalogue",
    description:
      "The catalogue's commands and query (seed 002: SubscribeUser, CancelSubscription, GetSubscriptionStatus)",
  },
  {
    name: "Fulfilment",
    description: "How each paid period is delivered: digital, shipped, or held for pickup at a store",
  },
  {
    name: "Membership billing",
    description: "The User Service's contract: billing that follows the membership",
  },
  {
    name: "Operators",
    description: "The operator console's reads: a member's whole billing story, and whose a subscription is",
  },
];

export interface SubscriptionsAppServices {
  readonly subscriptions: SubscriptionDeps;
  readonly logger: Logger;
  readonly principals: PrincipalResolver;
  readonly health: readonly HealthCheck[];
  /** The local issuer's keys (absent on AWS, where IAM authorizes the callers). */
  readonly jwks?: () => JSONWebKeySet;
}

/**
 * The Subscription Service's HTTP API on the shared base (its `/health`, `/openapi.json`, `/docs`): the
 * catalogue's routes, the User Service's and the operators' reads. Its paths start with
 * `/subscriptions`, the first segment it owns on the one local port.
 */
export function createSubscriptionsApp(services: SubscriptionsAppServices): OpenAPIHono<AppEnv> {
  return createServiceApp(
    {
      title: "Roster Subscription Service",
      version: SUBSCRIPTIONS_API_VERSION,
      description:
        "Recurring billing of memberships and the catalogue's subscriptions (seeds 000, 002, 004): subscribe, cancel, status, and the User Service's lifecycle calls. Errors are RFC 9457 problem+json.",
      tags: SUBSCRIPTIONS_TAGS,
      logger: services.logger,
      principals: services.principals,
      health: services.health,
      jwks: services.jwks,
      documents: { "/subscriptions/asyncapi.json": subscriptionsAsyncApiDocument },
    },
    (app) => {
      registerCatalogRoutes(app, services.subscriptions);
      registerFulfilmentRoutes(app, services.subscriptions);
      registerMembershipBillingRoutes(app, services.subscriptions);
      registerOperatorRoutes(app, services.subscriptions);
    },
  );
}
