import type { Operator } from "../../domain/operator.ts";
import {
  DASHBOARD_REPORTS,
  type Dashboard,
  type DashboardReport,
  type DashboardSource,
} from "../../ports/dashboard-source.port.ts";
import type { RosterApi } from "../../ports/roster-api.port.ts";

/** Where each report is read: the owning service's own route (its PostgreSQL data; purchases' DynamoDB). */
const REPORT_PATHS: Readonly<Record<DashboardReport, string>> = {
  members: "/users/reports/members",
  billing: "/subscriptions/reports/billing",
  charges: "/payments/reports/charges",
  purchases: "/user/reports/purchases",
};

/** The four reports over the services' APIs, in parallel: a slow or failing one delays or blanks only itself. */
export class HttpDashboardSource implements DashboardSource {
  readonly #api: RosterApi;
  constructor(api: RosterApi) {
    this.#api = api;
  }

  async reports(operator: Operator, days: number): Promise<Dashboard> {
    const answers = await Promise.all(
      DASHBOARD_REPORTS.map((report) =>
        this.#api.call(operator, { method: "GET", path: `${REPORT_PATHS[report]}?days=${days}` }),
      ),
    );
    return Object.fromEntries(DASHBOARD_REPORTS.map((report, i) => [report, answers[i]])) as Dashboard;
  }
}
