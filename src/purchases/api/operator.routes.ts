import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { SubscriptionOwnersAnswer, UserSubscriptionEntry } from "../../contracts/purchases/purchases.http.ts";
import { PurchasesReportAnswer } from "../../contracts/purchases/reports.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { ReportQuery } from "../../platform/http/report-query.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import { text } from "../../platform/http/text.schemas.ts";
import { findSubscriptionOwners } from "../use-cases/operators/find-subscription-owners.use-case.ts";
import { PURCHASES_REPORT_LIMIT, purchasesReport } from "../use-cases/operators/purchases-report.query.ts";
import { revalidateUserSubscription } from "../use-cases/operators/revalidate-user-subscription.use-case.ts";
import type { PurchasesDeps } from "../use-cases/purchases.deps.ts";
import { purchasesReportView, subscriptionOwnersView, userSubscriptionView } from "./purchases.views.ts";

const TAG = "Users' purchases";
const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A store's id as an operator sees it: bare (the subscriptions list) or Roster's stored id (the access answer). */
const SubscriptionIdParam = text({
  max: 1100,
  pattern: {
    regex: /^((apple|google):)?[A-Za-z0-9._-]+$/,
    message: "must be an originalTransactionId or a purchase token, bare or as apple:… / google:…",
  },
  description:
    "Apple's originalTransactionId or Google's purchase token, bare (as `GET /user/subscriptions/{userId}` shows it) or as Roster's stored id `apple:{originalTransactionId}` / `google:{purchaseToken}` (as `GET /user/access/{userId}` shows it)",
}).openapi({ param: { name: "subscriptionId", in: "path" }, example: "2000000000000001" });

const ownersRoute = createRoute({
  method: "get",
  path: "/user/owners/{subscriptionId}",
  tags: [TAG],
  operationId: "purchaseSubscriptionOwners",
  summary: "Who holds a store subscription (the operator console's search by a purchase id)",
  description:
    "The users linked to the App Store or Google Play subscription, read from the links' `subscriptionId-userId` index, with its stored state as `GET /user/subscriptions/{userId}` shows it (absent while the store's state has not arrived). A bare id of digits is looked up as an App Store originalTransactionId first, then as a purchase token; any other bare id as a Google Play purchase token. Google's order ids (`GPA.…`) are not kept, so they are not found. Nothing is asked of the stores. 404 when Roster does not know the id or nobody holds it. Callers: services and operators (a user's token: 403).",
  ...access(["service", "operator"], { action: "look up who holds a store subscription" }),
  request: { params: z.object({ subscriptionId: SubscriptionIdParam }) },
  responses: {
    200: json(SubscriptionOwnersAnswer, "Who holds it, and its state"),
    ...problems(400, 401, 403, 404),
  },
});

const revalidateRoute = createRoute({
  method: "post",
  path: "/user/subscriptions/{userId}/{subscriptionId}/revalidate",
  tags: [TAG],
  operationId: "revalidateUserPurchaseSubscription",
  summary: "Read one of the user's store subscriptions from its store now",
  description:
    "The fetch worker's step, run now instead of queued: the App Store Server API (`getAllSubscriptionStatuses`, every signed item verified) or Google Play's `purchases.subscriptionsv2.get`; the answer is kept only if it is newer by the store's own time (Apple's `signedDate`, Google's fetch time), and the links it implies are followed (an upgrade's carried links, the account token's user). Answers the subscription as `GET /user/subscriptions/{userId}` shows it. Idempotent: a repeat reads the store again and changes nothing the store did not. No body. 404 when the user holds no such subscription, or when the store does not know it (an unknown id, Google's 410: recorded on the subscription's events as `FETCH_FAILED`); 503 when the store cannot be reached (nothing written). Callers: operators and services (a user's token: 403).",
  ...access(["operator", "service"], { action: "revalidate a store subscription" }),
  request: {
    params: z.object({
      userId: text({ max: 128 }).openapi({
        param: { name: "userId", in: "path" },
        example: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
      }),
      subscriptionId: SubscriptionIdParam,
    }),
  },
  responses: {
    200: json(UserSubscriptionEntry, "The subscription as the store has it now"),
    ...problems(400, 401, 403, 404, 503),
  },
});

const reportRoute = createRoute({
  method: "get",
  path: "/user/reports/purchases",
  tags: [TAG],
  operationId: "getPurchasesReport",
  summary: "Store subscriptions by store and state, and starts and expiries day by day",
  description: `The operator console's dashboard: every App Store and Google Play subscription Roster keeps, by store and by its state at the last fetch from the store (each state named, zero included), and for each of the last \`days\` UTC days (ending today) those that began and those that expired without renewing, by store. The purchases are in DynamoDB, read by a Scan of at most ${PURCHASES_REPORT_LIMIT.toLocaleString("en-US")}: past that the answer says \`truncated\`. Nothing is asked of the stores. Read-only. Callers: services and operators (a user's token: 403).`,
  ...access(["service", "operator"], { action: "read the purchases report" }),
  request: { query: ReportQuery },
  responses: {
    200: json(PurchasesReportAnswer, "The report"),
    ...problems(400, 401, 403),
  },
});

/** The operator console's routes: the owners of a purchase id, a revalidation now, the dashboard's report. */
export function registerOperatorRoutes(app: OpenAPIHono<AppEnv>, deps: PurchasesDeps): void {
  app.openapi(ownersRoute, async (c) =>
    c.json(
      subscriptionOwnersView(await findSubscriptionOwners(deps, c.req.valid("param").subscriptionId)),
      200,
    ),
  );
  app.openapi(reportRoute, async (c) =>
    c.json(purchasesReportView(await purchasesReport(deps, c.req.valid("query").days)), 200),
  );
  app.openapi(revalidateRoute, async (c) => {
    const { userId, subscriptionId } = c.req.valid("param");
    return c.json(userSubscriptionView(await revalidateUserSubscription(deps, userId, subscriptionId)), 200);
  });
}
