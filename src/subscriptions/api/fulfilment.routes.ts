import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  FulfilmentList,
  FulfilmentSettingsAnswer,
  FulfilmentSettingsBody,
} from "../../contracts/subscriptions/fulfilment.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import { text } from "../../platform/http/text.schemas.ts";
import { listFulfilments, setFulfilment } from "../use-cases/catalog/fulfilment.use-case.ts";
import type { SubscriptionDeps } from "../use-cases/subscription.deps.ts";
import { fulfilmentSettingsView, fulfilmentView, settingsOf } from "./fulfilment.views.ts";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const TAG = "Fulfilment";

const SubscriptionParams = z.object({
  subscriptionId: text({
    max: 64,
    pattern: { regex: /^[A-Za-z0-9_-]+$/, message: "must be a subscription id" },
  }).openapi({ param: { name: "subscriptionId", in: "path" }, example: "sub_01JD8X4Q7Z" }),
});

const setRoute = createRoute({
  method: "put",
  path: "/subscriptions/{subscriptionId}/fulfilment",
  tags: [TAG],
  operationId: "setFulfilment",
  summary: "Name how the subscription's paid periods are delivered",
  description:
    "DIGITAL (the default), SHIPPING to a destination with a service level (each paid period then emits ShipmentRequested on the bus), or IN_STORE_PICKUP at a store (each paid period gets a pickup code, held 14 days). Applies to the periods paid from now on; the same settings again change nothing. Another user's subscription, or one that does not exist, is 404; an ended one is 409. Callers: the user themself, services and operators.",
  ...access(["user", "service", "operator"]),
  request: {
    params: SubscriptionParams,
    body: { required: true, content: { "application/json": { schema: FulfilmentSettingsBody } } },
  },
  responses: {
    200: json(FulfilmentSettingsAnswer, "The subscription's fulfilment as it now stands"),
    ...problems(400, 401, 403, 404, 409),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/subscriptions/{subscriptionId}/fulfilments",
  tags: [TAG],
  operationId: "listFulfilments",
  summary: "What each paid period delivered",
  description:
    "One record per paid billing cycle, newest first (at most 100): DELIVERED (digital), SHIPMENT_REQUESTED (with the service and the country; the address went to the carrier), AWAITING_PICKUP (with the store, the pickup code and its expiry). Another user's subscription is 404. Callers: the user themself, services and operators.",
  ...access(["user", "service", "operator"]),
  request: { params: SubscriptionParams },
  responses: { 200: json(FulfilmentList, "The fulfilments"), ...problems(400, 401, 403, 404) },
});

export function registerFulfilmentRoutes(app: OpenAPIHono<AppEnv>, deps: SubscriptionDeps): void {
  app.openapi(setRoute, async (c) => {
    const answer = await setFulfilment(
      deps,
      c.get("principal"),
      c.req.valid("param").subscriptionId,
      settingsOf(c.req.valid("json")),
      fulfilmentSettingsView,
    );
    return c.json(answer, 200);
  });
  app.openapi(listRoute, async (c) => {
    const items = await listFulfilments(deps, c.get("principal"), c.req.valid("param").subscriptionId);
    return c.json({ items: items.map(fulfilmentView) }, 200);
  });
}
