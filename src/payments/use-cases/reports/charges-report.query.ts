import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { type ReportWindow, reportOver } from "../../../platform/time/report-window.ts";
import type { ChargeReportSource, ChargesReport } from "../../ports/charge-report.port.ts";

/** What the operators' reports run on. */
export interface ReportDeps {
  readonly reports: ChargeReportSource;
  readonly clock: Clock;
}

/**
 * GET /payments/reports/charges: the last `days` UTC days of charges, declines, refunds and disputes,
 * for the operator console's dashboard. Services and operators only.
 */
export async function chargesReport(
  deps: ReportDeps,
  principal: Principal | undefined,
  days: number,
): Promise<{ asOf: Date; window: ReportWindow; report: ChargesReport }> {
  requireKind(principal, ["service", "operator"]);
  return reportOver(deps.clock, days, (window) => deps.reports.chargesReport(window));
}
