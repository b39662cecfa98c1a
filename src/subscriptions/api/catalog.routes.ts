import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  CancelSubscription,
  CatalogSubscription,
  SubscribeUser,
  SubscriptionStatusAnswer,
  USER_ID_DESCRIPTION,
} from "../../contracts/subscriptions/catalog.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { IdempotencyKeyHeaders } from "../../platform/http/idempotency-key.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import { text } from "../../platform/http/text.schemas.ts";
import {
  cancelSubscription,
  subscribeUser,
  subscriptionStatus,
} from "../use-cases/catalog/catalog.use-case.ts";
import type { SubscriptionDeps } from "../use-cases/subscription.deps.ts";
import { catalogView, statusView } from "./catalog.views.ts";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });
const TAG = "Catalogue";
const OptionalKey = IdempotencyKeyHeaders.partial();

const SubscriptionParams = z.object({
  subscriptionId: text({
    max: 64,
    pattern: { regex: /^[A-Za-z0-9_-]+$/, message: "must be a subscription id" },
  }).openapi({
    param: { name: "subscriptionId", in: "path" },
    example: "sub_01JD8X4Q7Z",
  }),
});
const UserIdParams = z.object({
  userId: text({ max: 128 }).openapi({
    param: { name: "userId", in: "path" },
    description: USER_ID_DESCRIPTION,
    example: "auth0|6568a1f2c0ffee",
  }),
});

const subscribeRoute = createRoute({
  method: "post",
  path: "/subscriptions",
  tags: [TAG],
  operationId: "subscribeUser",
  summary: "SubscribeUser 0.0.1: subscribe a user to a plan",
  description:
    "The catalogue's command (seed 002). One live subscription per user: another is 409 SUBSCRIPTION_EXISTS, however many arrive at once. An unknown `planId`, a `startDate` more than 5 minutes in the past or a payment method outside the catalogue's four are 400 naming the field, and nothing is written. `userId` is an Auth0 id (FlowMart's UUID is accepted too). An optional Idempotency-Key makes a retry answer the first result. Callers: the user themself, services and operators.",
  ...access(["user", "service", "operator"]),
  request: { headers: OptionalKey, body: body(SubscribeUser) },
  responses: { 201: json(CatalogSubscription, "The subscription"), ...problems(400, 401, 403, 409) },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/subscriptions/{subscriptionId}/cancel",
  tags: [TAG],
  operationId: "cancelSubscription",
  summary: "CancelSubscription 0.0.1: end a subscription now or at the period's end",
  description:
    "`cancelImmediately` true ends billing now; otherwise the paid period runs out first. Another user's subscription, or one that does not exist, is 404. Cancelling one that ended answers it as it is. Callers: the user themself, services and operators.",
  ...access(["user", "service", "operator"]),
  request: { params: SubscriptionParams, headers: OptionalKey, body: body(CancelSubscription) },
  responses: {
    200: json(CatalogSubscription, "The subscription as it now stands"),
    ...problems(400, 401, 403, 404, 409),
  },
});

const statusRoute = createRoute({
  method: "get",
  path: "/subscriptions/{userId}/status",
  tags: [TAG],
  operationId: "getSubscriptionStatus",
  summary: "GetSubscriptionStatus 0.0.2: a user's subscription status",
  description:
    "Exactly the catalogue's eight fields. The live subscription, else the last one that ended; 404 when the user never had one. Callers: the user themself, services and operators.",
  ...access(["user", "service", "operator"], { self: "userId" }),
  request: { params: UserIdParams },
  responses: { 200: json(SubscriptionStatusAnswer, "The status"), ...problems(400, 401, 403, 404) },
});

export function registerCatalogRoutes(app: OpenAPIHono<AppEnv>, deps: SubscriptionDeps): void {
  app.openapi(subscribeRoute, async (c) => {
    const answer = await subscribeUser(
      deps,
      c.get("principal"),
      c.req.valid("json"),
      c.req.valid("header")["idempotency-key"],
      catalogView,
    );
    return c.json(answer, 201);
  });
  app.openapi(cancelRoute, async (c) => {
    const answer = await cancelSubscription(
      deps,
      c.get("principal"),
      c.req.valid("param").subscriptionId,
      c.req.valid("json"),
      c.req.valid("header")["idempotency-key"],
      catalogView,
    );
    return c.json(answer, 200);
  });
  app.openapi(statusRoute, async (c) =>
    c.json(statusView(await subscriptionStatus(deps, c.get("principal"), c.req.valid("param").userId)), 200),
  );
}
