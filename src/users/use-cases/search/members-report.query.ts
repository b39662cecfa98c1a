import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { type ReportWindow, reportOver } from "../../../platform/time/report-window.ts";
import type { MembersReport, UserSearch } from "../../ports/user-search.port.ts";

export interface MembersReportDeps {
  readonly search: UserSearch;
  readonly clock: Clock;
}

/**
 * GET /users/reports/members: users now by status and platform, and sign-ups over the last `days` UTC
 * days, for the operator console's dashboard. Services and operators (counts only: no one's profile).
 */
export async function membersReport(
  deps: MembersReportDeps,
  principal: Principal | undefined,
  days: number,
): Promise<{ asOf: Date; window: ReportWindow; report: MembersReport }> {
  requireKind(principal, ["service", "operator"]);
  return reportOver(deps.clock, days, (window) => deps.search.membersReport(window));
}
