import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { type SearchUsersDeps, searchUsers } from "../use-cases/search/search-users.use-case.ts";
import { operators } from "./route-callers.ts";
import { UserSearchPageSchema, UserSearchQuery } from "./user-search.schemas.ts";

export type UserSearchRoutesDeps = SearchUsersDeps;

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

/** Register before routes with a leading `{user_id}` segment, so `/users/search` is never read as an id. */
export function registerUserSearchRoutes(app: OpenAPIHono<AppEnv>, deps: UserSearchRoutesDeps): void {
  app.openapi(searchUsersRoute, async (c) => {
    const { q, limit, cursor } = c.req.valid("query");
    const page = await searchUsers(deps, c.get("principal"), q, { limit, ...(cursor ? { cursor } : {}) });
    return c.json(page, 200);
  });
}
