import { html } from "hono/html";
import type { z } from "zod";
import { ChargesReportAnswer } from "../../contracts/payments/reports.http.ts";
import { PurchasesReportAnswer } from "../../contracts/purchases/reports.http.ts";
import { BillingReportAnswer } from "../../contracts/subscriptions/reports.http.ts";
import { MembersReportAnswer } from "../../contracts/users/reports.http.ts";
import type { Operator } from "../domain/operator.ts";
import type { Dashboard } from "../ports/dashboard-source.port.ts";
import type { ApiAnswer } from "../ports/roster-api.port.ts";
import { DASHBOARD_WINDOWS } from "../use-cases/dashboard/read-dashboard.query.ts";
import {
  billingFigures,
  chargesFigures,
  membersFigures,
  purchasesFigures,
} from "./dashboard-figures.view.ts";
import { type Html, page } from "./layout.view.ts";

/** A report as its service answered it, checked against the service's contract; else why not, in words. */
function reportOf<S extends z.ZodType>(
  answer: ApiAnswer,
  schema: S,
): { readonly report: z.infer<S> } | { readonly problem: string } {
  if (answer.status !== 200) {
    const problem = (answer.body ?? {}) as { title?: string; detail?: string };
    return {
      problem: `Could not be read (${answer.status}): ${problem.detail ?? problem.title ?? "no reason given"}`,
    };
  }
  const parsed = schema.safeParse(answer.body);
  return parsed.success
    ? { report: parsed.data }
    : { problem: "The service answered figures the console does not understand (its contract changed?)." };
}

function section<R>(
  title: string,
  id: string,
  read: { readonly report: R } | { readonly problem: string },
  show: (report: R) => Html,
): Html {
  return html`<section aria-labelledby="${id}">
    <h2 id="${id}">${title}</h2>
    ${"report" in read ? show(read.report) : html`<p class="problem" role="alert">${read.problem}</p>`}
  </section>`;
}

/** The dashboard: each service's figures as charts with their tables, over a window of days the operator picks. */
export function dashboardPage(view: {
  readonly operator: Operator;
  readonly csrfToken: string;
  readonly days: number;
  readonly dashboard: Dashboard;
}): Html {
  const { dashboard: d } = view;
  return page(
    {
      title: "Dashboard",
      operator: view.operator,
      csrfToken: view.csrfToken,
      section: "dashboard",
      scripts: ["chart.umd.min.js", "console-charts.js"],
    },
    html`<h1>Dashboard</h1>
      <form method="get" action="/console/dashboard" class="window">
        <label for="days">Days, ending today (UTC)</label>
        <select id="days" name="days">
          ${DASHBOARD_WINDOWS.map((n) => html`<option value="${n}" ${n === view.days ? "selected" : ""}>${n}</option>`)}
        </select>
        <button type="submit">Show</button>
      </form>
      ${section("Members", "members", reportOf(d.members, MembersReportAnswer), membersFigures)}
      ${section("Subscriptions", "subscriptions", reportOf(d.billing, BillingReportAnswer), billingFigures)}
      ${section("Payments", "payments", reportOf(d.charges, ChargesReportAnswer), chargesFigures)}
      ${section("In-app purchases", "purchases", reportOf(d.purchases, PurchasesReportAnswer), purchasesFigures)}`,
  );
}
