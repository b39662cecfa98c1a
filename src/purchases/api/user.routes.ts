import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  AccountTokenAnswer,
  UserAccessAnswer,
  UserSubscriptionsAnswer,
} from "../../contracts/purchases/purchases.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import { text } from "../../platform/http/text.schemas.ts";
import { requireKind } from "../../platform/identity/authorize.ts";
import { issueAccountToken } from "../use-cases/links/issue-account-token.use-case.ts";
import type { PurchasesDeps } from "../use-cases/purchases.deps.ts";
import { accessOfUser, userSubscriptions } from "../use-cases/status/user-subscriptions.query.ts";
import { userAccessView, userSubscriptionsView } from "./purchases.views.ts";

const TAG = "Users' purchases";
const selfOrStaff = access(["user", "service", "operator"], { self: "userId" });
const UserParams = z.object({
  userId: text({ max: 128 }).openapi({
    param: { name: "userId", in: "path" },
    example: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  }),
});
const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const subscriptionsRoute = createRoute({
  method: "get",
  path: "/user/subscriptions/{userId}",
  tags: [TAG],
  operationId: "userPurchaseSubscriptions",
  summary: "The user's store subscriptions (the model's shape), latest end first",
  description:
    "Every App Store and Google Play subscription linked to the user, with the model's fields and Roster's `state` and `access`. Callers: the user themself, services and operators.",
  ...selfOrStaff,
  request: { params: UserParams },
  responses: { 200: json(UserSubscriptionsAnswer, "The user's subscriptions"), ...problems(400, 401, 403) },
});

const accessRoute = createRoute({
  method: "get",
  path: "/user/access/{userId}",
  tags: [TAG],
  operationId: "userPurchaseAccess",
  summary: "Whether the user has access now, across both stores",
  description:
    "One answer: access if any linked subscription is active or in its grace period now (not one in billing retry, paused, pending, expired, revoked or replaced by an upgrade), until the latest end among them, with each subscription's state and dates. Callers: the user themself, services and operators.",
  ...selfOrStaff,
  request: { params: UserParams },
  responses: { 200: json(UserAccessAnswer, "The user's access now"), ...problems(400, 401, 403) },
});

const tokenRoute = createRoute({
  method: "get",
  path: "/user/purchase-token",
  tags: [TAG],
  operationId: "purchaseAccountToken",
  summary: "The signed-in user's account token for the stores",
  description:
    "An opaque UUID for the app to pass at purchase (Apple's `appAccountToken`, Google's `obfuscatedAccountId`): the purchase then links itself to the user, with no link call. The same for the user always. Callers: users.",
  ...access(["user"]),
  responses: { 200: json(AccountTokenAnswer, "The user's token"), ...problems(401, 403) },
});

export function registerUserRoutes(app: OpenAPIHono<AppEnv>, deps: PurchasesDeps): void {
  app.openapi(subscriptionsRoute, async (c) =>
    c.json(userSubscriptionsView(await userSubscriptions(deps, c.req.valid("param").userId)), 200),
  );
  app.openapi(accessRoute, async (c) => {
    const { userId } = c.req.valid("param");
    return c.json(userAccessView(userId, await accessOfUser(deps, userId)), 200);
  });
  app.openapi(tokenRoute, async (c) => {
    const user = requireKind(c.get("principal"), ["user"]);
    return c.json(await issueAccountToken(deps, user.id), 200);
  });
}
