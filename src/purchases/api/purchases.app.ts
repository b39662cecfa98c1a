import type { OpenAPIHono } from "@hono/zod-openapi";
import type { JSONWebKeySet } from "jose";
import type { AppEnv } from "../../platform/http/app-env.ts";
import type { HealthCheck } from "../../platform/http/health.routes.ts";
import { createServiceApp } from "../../platform/http/service-app.ts";
import type { PrincipalResolver } from "../../platform/identity/principal.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { purchasesAsyncApiDocument } from "../messages/asyncapi.document.ts";
import type { PurchasesDeps } from "../use-cases/purchases.deps.ts";
import { registerLinkRoutes } from "./link.routes.ts";
import { registerOperatorRoutes } from "./operator.routes.ts";
import { registerPubSubRoutes } from "./pubsub.routes.ts";
import { registerStatusRoutes } from "./status.routes.ts";
import { exceptStorePushes } from "./store-push.principals.ts";
import { registerUserRoutes } from "./user.routes.ts";

export const PURCHASES_API_VERSION = "0.1.0";

const PURCHASES_TAGS = [
  {
    name: "Store notifications",
    description: "The App Store's and Google Play's pushes, verified by their own credentials",
  },
  { name: "Linking", description: "Store subscriptions linked to Roster users" },
  { name: "Subscription status", description: "Where a store subscription stands (the model's shapes)" },
  { name: "Users' purchases", description: "A user's store subscriptions and access, across both stores" },
];

export interface PurchasesAppServices {
  readonly purchases: PurchasesDeps;
  readonly logger: Logger;
  readonly principals: PrincipalResolver;
  readonly health: readonly HealthCheck[];
  readonly jwks?: () => JSONWebKeySet;
}

/**
 * The purchases service's HTTP API (seed 001) on the shared base. Its paths are the model's
 * (`/apple/...`, `/google/...`, `/user/...`), the first segments it owns on the one local port.
 */
export function createPurchasesApp(services: PurchasesAppServices): OpenAPIHono<AppEnv> {
  return createServiceApp(
    {
      title: "Roster Purchases Service",
      version: PURCHASES_API_VERSION,
      description:
        "In-app purchases from the App Store and Google Play (seed 001): verified store notifications, the stores' authoritative state, links to users, status and access. Errors are RFC 9457 problem+json.",
      tags: PURCHASES_TAGS,
      logger: services.logger,
      principals: exceptStorePushes(services.principals),
      health: services.health,
      jwks: services.jwks,
      documents: { "/purchases/asyncapi.json": purchasesAsyncApiDocument },
    },
    (app) => {
      registerPubSubRoutes(app, services.purchases);
      registerLinkRoutes(app, services.purchases);
      registerStatusRoutes(app, services.purchases);
      registerUserRoutes(app, services.purchases);
      registerOperatorRoutes(app, services.purchases);
    },
  );
}
