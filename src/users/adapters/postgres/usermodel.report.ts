import { type Kysely, sql } from "kysely";
import type { ReportWindow } from "../../../platform/time/report-window.ts";
import { APP_PLATFORMS, type AppPlatform, USER_STATUSES, type UserStatus } from "../../domain/user.ts";
import type { MembersReport } from "../../ports/user-search.port.ts";
import type { UsersDatabase } from "./usermodel.table.ts";

/**
 * The members report from `usermodel` in two grouped scans: users by status and platform now, and
 * sign-ups by UTC day (those before the window folded into the first day's running total).
 */
export async function readMembersReport(
  db: Kysely<UsersDatabase>,
  window: ReportWindow,
): Promise<MembersReport> {
  const { from, until } = window;
  const [groups, joins] = await Promise.all([
    sql<{ status: UserStatus; platform: AppPlatform | null; users: number }>`
      select employment_validation as status, app_platform as platform, count(*)::int as users
        from usermodel group by 1, 2`.execute(db),
    sql<{ day: string | null; users: number }>`
      select case when date_joined < ${from} then null
                  else to_char(date_joined at time zone 'UTC', 'YYYY-MM-DD') end as day,
             count(*)::int as users
        from usermodel where date_joined < ${until} group by 1`.execute(db),
  ]);
  const byStatus = Object.fromEntries(USER_STATUSES.map((s) => [s, 0])) as Record<UserStatus, number>;
  const byPlatform = Object.fromEntries([...APP_PLATFORMS, "unknown"].map((p) => [p, 0])) as Record<
    AppPlatform | "unknown",
    number
  >;
  let total = 0;
  for (const row of groups.rows) {
    byStatus[row.status] += row.users;
    byPlatform[row.platform ?? "unknown"] += row.users;
    total += row.users;
  }
  const joined = new Map(joins.rows.map((row) => [row.day, row.users]));
  let running = joined.get(null) ?? 0;
  const daily = window.days.map((day) => {
    const n = joined.get(day) ?? 0;
    running += n;
    return { day, joined: n, total: running };
  });
  return { total, byStatus, byPlatform, daily };
}
