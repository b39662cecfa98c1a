import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  AppleStatusAnswer,
  AppleStatusBody,
  GoogleStatusAnswer,
} from "../../contracts/purchases/purchases.http.ts";
import { ValidationError } from "../../platform/errors/app.errors.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import { text } from "../../platform/http/text.schemas.ts";
import { appNamed } from "../domain/apps.ts";
import type { PurchasesDeps } from "../use-cases/purchases.deps.ts";
import { subscriptionStatus } from "../use-cases/status/subscription-status.query.ts";
import { appleStatusView, googleStatusView } from "./purchases.views.ts";

const TAG = "Subscription status";
const anyone = access(["user", "service", "operator"]);

const appleRoute = createRoute({
  method: "post",
  path: "/apple/subscription/status",
  tags: [TAG],
  operationId: "appleSubscriptionStatus",
  summary: "Where App Store subscriptions stand (the model's shape, and Roster's state and access)",
  description:
    "For each originalTransactionId: the stored state or, if Roster has none yet, the App Store's, fetched now and kept. `valid` is the model's rule (until 30 days past the end); `state` and `access` are the store's state judged now. Receipts are not read and never returned. Callers: users, services and operators.",
  ...anyone,
  request: { body: { required: true, content: { "application/json": { schema: AppleStatusBody } } } },
  responses: {
    200: {
      description: "One entry per subscription asked",
      content: { "application/json": { schema: AppleStatusAnswer } },
    },
    ...problems(400, 401, 403, 404, 503),
  },
});

const GoogleStatusHeaders = z.object({
  "play-purchase-token": text({ max: 1024, description: "The purchase token" }).openapi({
    param: { name: "play-purchase-token", in: "header", required: true },
  }),
  "package-name": text({ max: 255, description: "The app's package name" })
    .optional()
    .openapi({ param: { name: "package-name", in: "header", required: false } }),
});

const googleRoute = createRoute({
  method: "get",
  path: "/google/subscription/{subscriptionId}/status",
  tags: [TAG],
  operationId: "googleSubscriptionStatus",
  summary: "Whether a Google Play subscription has lapsed (the model's shape, and Roster's state and access)",
  description:
    "The stored state of the purchase token in `Play-Purchase-Token` or, if Roster has none yet, Google Play's, fetched now and kept. `Package-Name` picks the app (the first Google app configured when absent). 404 when Google does not know the token or it is gone (410). Callers: users, services and operators.",
  ...anyone,
  request: {
    params: z.object({
      subscriptionId: text({ max: 255 }).openapi({
        param: { name: "subscriptionId", in: "path" },
        example: "premium_monthly",
      }),
    }),
    headers: GoogleStatusHeaders,
  },
  responses: {
    200: { description: "Where it stands", content: { "application/json": { schema: GoogleStatusAnswer } } },
    ...problems(400, 401, 403, 404, 503),
  },
});

export function registerStatusRoutes(app: OpenAPIHono<AppEnv>, deps: PurchasesDeps): void {
  app.openapi(appleRoute, async (c) => {
    const body = c.req.valid("json");
    const named = body.platform
      ? appNamed(deps.apps, body.platform, "apple")
      : deps.apps.find((a) => a.platform === "apple");
    if (!named)
      throw new ValidationError([{ path: "platform", message: "no such App Store app is served here" }]);
    const ids = [...new Set(body.subscriptions.map((s) => s.originalTransactionId))];
    const purchases = [];
    for (const id of ids) purchases.push(await subscriptionStatus(deps, "apple", named.app, id));
    const now = deps.clock.now();
    return c.json(
      purchases.map((purchase) => appleStatusView(purchase, now)),
      200,
    );
  });
  app.openapi(googleRoute, async (c) => {
    const headers = c.req.valid("header");
    const packageName = headers["package-name"] ?? deps.apps.find((a) => a.platform === "google")?.app;
    if (!packageName)
      throw new ValidationError([{ path: "Package-Name", message: "no Google Play app is served here" }]);
    const purchase = await subscriptionStatus(deps, "google", packageName, headers["play-purchase-token"]);
    return c.json(googleStatusView(purchase, deps.clock.now()), 200);
  });
}
