import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { PageQuery, pageOf } from "../../platform/http/pagination.schemas.ts";
import { clearInvestigation } from "../use-cases/membership/clear-investigation.use-case.ts";
import { getMembership } from "../use-cases/membership/get-membership.use-case.ts";
import { investigateUser } from "../use-cases/membership/investigate-user.use-case.ts";
import { listMemberships } from "../use-cases/membership/list-memberships.use-case.ts";
import type { MembershipChangeDeps } from "../use-cases/membership/membership-write.engine.ts";
import { MembershipSchema, ReasonSchema } from "./membership.schemas.ts";
import { lifecycleCallers, selfOrStaff } from "./route-callers.ts";
import { UserIdParams, UserSchema } from "./user.schemas.ts";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

const membershipRoute = createRoute({
  operationId: "getMembership",
  description:
    "The user's current membership record: tier, term, status and its pending change, if any. Callers: the user themself, services and operators.",
  method: "get",
  path: "/{user_id}/membership",
  tags: ["Memberships"],
  summary: "The current membership record",
  ...selfOrStaff,
  request: { params: UserIdParams },
  responses: { 200: json(MembershipSchema, "The newest membership record"), ...problems(400, 401, 403, 404) },
});

const membershipsRoute = createRoute({
  operationId: "listMemberships",
  description:
    "Every membership record of the user, newest first: the timeline of tiers, pauses and cancellations. Callers: the user themself, services and operators.",
  method: "get",
  path: "/{user_id}/memberships",
  tags: ["Memberships"],
  summary: "The membership timeline, newest first",
  ...selfOrStaff,
  request: { params: UserIdParams, query: PageQuery },
  responses: {
    200: json(pageOf(MembershipSchema, "MembershipPage"), "A page of records"),
    ...problems(400, 401, 403, 404),
  },
});

const investigateRoute = createRoute({
  operationId: "investigateUser",
  description:
    "Puts the user under investigation (INVESTIGATE): no floats and no billing until it is cleared; the status it interrupts is remembered. Callers: operators.",
  method: "post",
  path: "/{user_id}/user/investigate",
  tags: ["User status"],
  summary: "Put the user under investigation (operators): no floats, no billing",
  ...lifecycleCallers("investigate"),
  request: { params: UserIdParams, body: body(ReasonSchema) },
  responses: { 200: json(UserSchema, "The user, INVESTIGATE"), ...problems(400, 401, 403, 404, 409) },
});

const clearRoute = createRoute({
  operationId: "clearInvestigation",
  description: "Ends an investigation: the user goes back to the status before it. Callers: operators.",
  method: "post",
  path: "/{user_id}/user/clear-investigation",
  tags: ["User status"],
  summary: "End an investigation (operators): back to the status before it",
  ...lifecycleCallers("clearInvestigation"),
  request: { params: UserIdParams },
  responses: {
    200: json(UserSchema, "The user, as before the investigation"),
    ...problems(400, 401, 403, 404, 409),
  },
});

/** The membership reads and the investigations: the change engine's stores are all they need. */
export type LifecycleRoutesDeps = MembershipChangeDeps;

export function registerLifecycleRoutes(app: OpenAPIHono<AppEnv>, deps: LifecycleRoutesDeps): void {
  app.openapi(membershipRoute, async (c) =>
    c.json(await getMembership(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );
  app.openapi(membershipsRoute, async (c) => {
    const page = await listMemberships(
      deps,
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("query"),
    );
    return c.json(page, 200);
  });
  app.openapi(investigateRoute, async (c) => {
    const user = await investigateUser(
      deps,
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("json").reason,
    );
    return c.json(user, 200);
  });
  app.openapi(clearRoute, async (c) =>
    c.json(await clearInvestigation(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );
}
