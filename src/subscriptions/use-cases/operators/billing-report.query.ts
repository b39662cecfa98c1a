import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { type ReportWindow, reportOver } from "../../../platform/time/report-window.ts";
import type { BillingReport } from "../../ports/billing-report.port.ts";
import type { SubscriptionDeps } from "../subscription.deps.ts";

/**
 * GET /subscriptions/reports/billing: the last `days` UTC days of subscriptions, pauses, recovery and
 * monthly recurring revenue, for the operator console's dashboard. Services and operators only.
 */
export async function billingReport(
  deps: SubscriptionDeps,
  principal: Principal | undefined,
  days: number,
): Promise<{ asOf: Date; window: ReportWindow; report: BillingReport }> {
  requireKind(principal, ["service", "operator"]);
  return reportOver(deps.clock, days, (window) => deps.reports.billingReport(window));
}
