import type { Operator } from "../domain/operator.ts";
import type { ApiAnswer } from "./roster-api.port.ts";

/** The dashboard's reports, one per service that keeps the figures. */
export const DASHBOARD_REPORTS = ["members", "billing", "charges", "purchases"] as const;
export type DashboardReport = (typeof DASHBOARD_REPORTS)[number];

/** Each report as its service answered it (a refusal or an outage shows as its problem, the rest still drawn). */
export type Dashboard = Readonly<Record<DashboardReport, ApiAnswer>>;

/** The services' report routes, called as the operator, side by side. */
export interface DashboardSource {
  reports(operator: Operator, days: number): Promise<Dashboard>;
}
