import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { MembersReportAnswer, type MembersReportWire } from "../../contracts/users/reports.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { ReportQuery } from "../../platform/http/report-query.schemas.ts";
import { type MembersReportDeps, membersReport } from "../use-cases/search/members-report.query.ts";
import { type SearchUsersDeps, searchUsers } from "../use-cases/search/search-users.use-case.ts";
import { operators, staff } from "./route-callers.ts";
import { UserSearchPageSchema, UserSearchQuery } from "./user-search.schemas.ts";

export type UserSearchRoutesDeps = SearchUsersDeps & MembersReportDeps;

const searchUsersRoute = createRoute({
  operationId: "searchUsers",
  method: "get",
  path: "/users/search",
  tags: ["Users"],
  summary: "Operator search over name, email, phone and city (operators only)",
  description:
    "Served from the PostgreSQL `usermodel` projection, which follows the users table within moments " +
    "of a change. Ordered by last name, first name and user id; `next_cursor` continues the list.",
  ...operators,
  request: { query: UserSearchQuery },
  responses: {
    200: {
      description: "A page of matching users",
      content: { "application/json": { schema: UserSearchPageSchema } },
    },
    ...problems(400, 401, 403),
  },
});

const membersReportRoute = createRoute({
  operationId: "getMembersReport",
  method: "get",
  path: "/users/reports/members",
  tags: ["Users"],
  summary: "Users by status and platform, and sign-ups day by day (services and operators)",
  description:
    "The operator console's dashboard, from the PostgreSQL `usermodel` projection: every user now by " +
    "status (each status named, zero included) and by the app platform they last used, and for each of " +
    "the last `days` UTC days (ending today) the sign-ups that day and every user signed up by its end. " +
    "Counts only, never a profile. Read-only.",
  ...staff,
  request: { query: ReportQuery },
  responses: {
    200: {
      description: "The report",
      content: { "application/json": { schema: MembersReportAnswer } },
    },
    ...problems(400, 401, 403),
  },
});

/** Register before routes with a leading `{user_id}` segment, so `/users/search` and `/users/reports/...` are never read as an id. */
export function registerUserSearchRoutes(app: OpenAPIHono<AppEnv>, deps: UserSearchRoutesDeps): void {
  app.openapi(searchUsersRoute, async (c) => {
    const { q, limit, cursor } = c.req.valid("query");
    const page = await searchUsers(deps, c.get("principal"), q, { limit, ...(cursor ? { cursor } : {}) });
    return c.json(page, 200);
  });
  app.openapi(membersReportRoute, async (c) => {
    const { asOf, window, report } = await membersReport(deps, c.get("principal"), c.req.valid("query").days);
    const answer: MembersReportWire = {
      as_of: asOf.toISOString(),
      days: window.days.length,
      total: report.total,
      by_status: report.byStatus,
      by_platform: report.byPlatform,
      daily: [...report.daily],
    };
    return c.json(answer, 200);
  });
}
