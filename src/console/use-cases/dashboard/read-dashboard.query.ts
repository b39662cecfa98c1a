import type { Operator } from "../../domain/operator.ts";
import type { Dashboard, DashboardSource } from "../../ports/dashboard-source.port.ts";

/** The windows the dashboard offers, in days ending today: a week, a month, a quarter, a year. */
export const DASHBOARD_WINDOWS = [7, 30, 90, 365] as const;
export const DEFAULT_DASHBOARD_WINDOW = 30;

/** A window the dashboard offers: the one asked for, else the default (a link's typo is no error page). */
export function dashboardWindow(asked: string | undefined): number {
  const days = Number(asked);
  return (DASHBOARD_WINDOWS as readonly number[]).includes(days) ? days : DEFAULT_DASHBOARD_WINDOW;
}

/** The dashboard for any signed-in operator (support included): counts only, no member's data. */
export function readDashboard(
  deps: { readonly dashboard: DashboardSource },
  operator: Operator,
  days: number,
): Promise<Dashboard> {
  return deps.dashboard.reports(operator, days);
}
