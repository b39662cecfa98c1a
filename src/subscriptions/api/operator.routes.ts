import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { BillingReportAnswer } from "../../contracts/subscriptions/reports.http.ts";
import {
  BillingHistoryAnswer,
  SubscriptionOwnerAnswer,
} from "../../contracts/subscriptions/subscriptions.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { ReportQuery } from "../../platform/http/report-query.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import { text } from "../../platform/http/text.schemas.ts";
import { billingReport } from "../use-cases/operators/billing-report.query.ts";
import { findSubscriptionOwner } from "../use-cases/operators/find-subscription-owner.query.ts";
import { getBillingHistory } from "../use-cases/operators/get-billing-history.query.ts";
import type { SubscriptionDeps } from "../use-cases/subscription.deps.ts";
import { UserParams } from "./membership-billing.routes.ts";
import { billingHistoryView, billingReportView, subscriptionOwnerView } from "./operator.views.ts";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const TAG = "Operators";
const WHO = "Callers: services and operators (the operator console); a user is 403.";

const OwnerQuery = z.object({
  subscription_id: text({
    max: 64,
    pattern: { regex: /^[A-Za-z0-9_-]+$/, message: "must be a subscription id" },
  }).openapi({ param: { name: "subscription_id", in: "query" }, example: "sub_01JD8X4Q7Z" }),
});

const billingRoute = createRoute({
  method: "get",
  path: "/subscriptions/users/{user_id}/billing",
  tags: [TAG],
  operationId: "getBillingHistory",
  summary: "A member's whole billing story",
  description: `Every subscription the user ever had, live or ended, newest first: its plan and period as the next renewal bills them, its pause, pending downgrade and cancellation; its latest 36 billing cycles, newest first, each with its status (paid, skipped for a pause, retrying in the recovery window, in grace, failed, void, charged back), what it billed, its charge attempts in the order tried (declined with the Payment Service's reason, or paid with its confirmation), its next attempt and the end of its recovery window; and its latest 100 changes from the append-only history, newest first, with who made each and why. A user with no subscription at all answers 200 with an empty list, never 404. Read-only. ${WHO}`,
  ...access(["service", "operator"]),
  request: { params: UserParams },
  responses: {
    200: json(BillingHistoryAnswer, "The user's subscriptions (none for a user never billed)"),
    ...problems(400, 401, 403),
  },
});

const ownerRoute = createRoute({
  method: "get",
  path: "/subscriptions/owners",
  tags: [TAG],
  operationId: "findSubscriptionOwner",
  summary: "Whose subscription an id is",
  description: `The console's search by subscription id: the subscription's user and its status. 404 when no subscription has this id (live or ended). Read-only. ${WHO}`,
  ...access(["service", "operator"]),
  request: { query: OwnerQuery },
  responses: {
    200: json(SubscriptionOwnerAnswer, "The subscription's user and status"),
    ...problems(400, 401, 403, 404),
  },
});

const reportRoute = createRoute({
  method: "get",
  path: "/subscriptions/reports/billing",
  tags: [TAG],
  operationId: "getBillingReport",
  summary: "Subscriptions, pauses, recovery and revenue, day by day",
  description: `The operator console's dashboard: for each of the last \`days\` UTC days (ending today), the live subscriptions not in a pause by tier, those in a pause, those started and ended that day, and the monthly recurring revenue by currency, all at the day's end; then the outcomes of the window's pauses and of its recovery windows (cycles whose first charge was declined). Each subscription counts under the tier and price it bills now; a trial adds nothing to revenue, an annual plan a twelfth of its price. Aggregated in the database, a few scans whatever the window. Read-only. ${WHO}`,
  ...access(["service", "operator"]),
  request: { query: ReportQuery },
  responses: {
    200: json(BillingReportAnswer, "The report"),
    ...problems(400, 401, 403),
  },
});

export function registerOperatorRoutes(app: OpenAPIHono<AppEnv>, deps: SubscriptionDeps): void {
  app.openapi(billingRoute, async (c) => {
    const userId = c.req.valid("param").user_id;
    const records = await getBillingHistory(deps, c.get("principal"), userId);
    return c.json(billingHistoryView(userId, records), 200);
  });
  app.openapi(reportRoute, async (c) => {
    const answer = await billingReport(deps, c.get("principal"), c.req.valid("query").days);
    return c.json(billingReportView(answer), 200);
  });
  app.openapi(ownerRoute, async (c) => {
    const s = await findSubscriptionOwner(deps, c.get("principal"), c.req.valid("query").subscription_id);
    return c.json(subscriptionOwnerView(s), 200);
  });
}
