import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { AppleLinkBody, GoogleLinkBody, LinkAnswer } from "../../contracts/purchases/purchases.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import { requireKind } from "../../platform/identity/authorize.ts";
import { linkSubscriptions } from "../use-cases/links/link-subscriptions.use-case.ts";
import type { PurchasesDeps } from "../use-cases/purchases.deps.ts";

const TAG = "Linking";
const linked = {
  200: { description: "Linked to the caller", content: { "application/json": { schema: LinkAnswer } } },
};
const DESCRIPTION =
  "Links the signed-in user to each subscription (a user links only to themself: the user is the token's), duplicates folded, and queues a fetch of each from the store. For restores and promo codes; a purchase made with the user's account token (`GET /user/purchase-token`) links itself. The same link again changes nothing. Callers: users.";

const appleRoute = createRoute({
  method: "post",
  path: "/apple/linkToSubscriptions",
  tags: [TAG],
  operationId: "linkAppleSubscriptions",
  summary: "Link App Store subscriptions to the signed-in user",
  description: DESCRIPTION,
  ...access(["user"]),
  request: { body: { required: true, content: { "application/json": { schema: AppleLinkBody } } } },
  responses: { ...linked, ...problems(400, 401, 403) },
});

const googleRoute = createRoute({
  method: "post",
  path: "/google/linkToSubscriptions",
  tags: [TAG],
  operationId: "linkGoogleSubscriptions",
  summary: "Link Google Play subscriptions to the signed-in user",
  description: DESCRIPTION,
  ...access(["user"]),
  request: { body: { required: true, content: { "application/json": { schema: GoogleLinkBody } } } },
  responses: { ...linked, ...problems(400, 401, 403) },
});

export function registerLinkRoutes(app: OpenAPIHono<AppEnv>, deps: PurchasesDeps): void {
  app.openapi(appleRoute, async (c) => {
    const user = requireKind(c.get("principal"), ["user"]);
    const body = c.req.valid("json");
    const storeIds = body.subscriptions.map((s) => s.originalTransactionId);
    return c.json(
      await linkSubscriptions(deps, user.id, "apple", { platform: body.platform, storeIds }),
      200,
    );
  });
  app.openapi(googleRoute, async (c) => {
    const user = requireKind(c.get("principal"), ["user"]);
    const body = c.req.valid("json");
    const storeIds = body.subscriptions.map((s) => s.purchaseToken);
    return c.json(
      await linkSubscriptions(deps, user.id, "google", { platform: body.platform, storeIds }),
      200,
    );
  });
}
