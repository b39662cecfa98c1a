import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ChargesReportAnswer, type ChargesReportWire } from "../../contracts/payments/reports.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { ReportQuery } from "../../platform/http/report-query.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import type { ReportWindow } from "../../platform/time/report-window.ts";
import type { ChargesReport } from "../ports/charge-report.port.ts";
import { chargesReport, type ReportDeps } from "../use-cases/reports/charges-report.query.ts";

const chargesReportRoute = createRoute({
  method: "get",
  path: "/payments/reports/charges",
  tags: ["Charge reports"],
  operationId: "getChargesReport",
  summary: "Charges, declines, refunds and disputes, day by day",
  description:
    "The operator console's dashboard: for each of the last `days` UTC days (ending today), the charges that took the money and what they took by currency, the declines, the refunds that went through (on the day asked for) and what they gave back, and the disputes opened; then the disputes open now. Amounts in different currencies are never added up. Aggregated in the database over the window's rows. Read-only. Callers: services and operators (the operator console); a user is 403.",
  ...access(["service", "operator"]),
  request: { query: ReportQuery },
  responses: {
    200: { description: "The report", content: { "application/json": { schema: ChargesReportAnswer } } },
    ...problems(400, 401, 403),
  },
});

export function registerReportRoutes(app: OpenAPIHono<AppEnv>, deps: ReportDeps): void {
  app.openapi(chargesReportRoute, async (c) => {
    const answer = await chargesReport(deps, c.get("principal"), c.req.valid("query").days);
    return c.json(chargesReportView(answer), 200);
  });
}

function chargesReportView({
  asOf,
  window,
  report,
}: {
  asOf: Date;
  window: ReportWindow;
  report: ChargesReport;
}): ChargesReportWire {
  const charged = new Map<string, number>();
  for (const day of report.daily) {
    for (const [currency, cents] of Object.entries(day.chargedCents)) {
      charged.set(currency, (charged.get(currency) ?? 0) + cents);
    }
  }
  return {
    as_of: asOf.toISOString(),
    days: window.days.length,
    currencies: [...charged].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([c]) => c),
    daily: report.daily.map((d) => ({
      day: d.day,
      charged: d.charged,
      charged_cents: d.chargedCents,
      declined: d.declined,
      refunds: d.refunds,
      refunded_cents: d.refundedCents,
      disputes: d.disputes,
    })),
    open_disputes: report.openDisputes,
  };
}
