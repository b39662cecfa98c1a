import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { bearerSecurity, problems } from "../../platform/http/common.schemas.ts";
import {
  type ActivateMembershipDeps,
  activateMembership,
} from "../use-cases/membership/activate-membership.use-case.ts";
import {
  type DowngradeMembershipDeps,
  downgradeMembership,
} from "../use-cases/membership/downgrade-membership.use-case.ts";
import {
  type FinalizeDowngradeDeps,
  finalizeDowngrade,
} from "../use-cases/membership/finalize-downgrade.use-case.ts";
import { type PayNowDeps, payNow } from "../use-cases/membership/pay-now.use-case.ts";
import {
  type RetractPendingChangeDeps,
  retractPendingChange,
} from "../use-cases/membership/retract-pending-change.use-case.ts";
import {
  type UpgradeMembershipDeps,
  upgradeMembership,
} from "../use-cases/membership/upgrade-membership.use-case.ts";
import { MembershipSchema } from "./membership.schemas.ts";
import { ActivationSchema, TierChangeSchema } from "./membership-billing.schemas.ts";
import { UserIdParams } from "./user.schemas.ts";

const record = (description: string) => ({
  description,
  content: { "application/json": { schema: MembershipSchema } },
});
const post = <P extends string>(path: P, summary: string, tag: string) => ({
  method: "post" as const,
  path,
  tags: [tag],
  summary,
  security: bearerSecurity,
});

const activateRoute = createRoute({
  ...post(
    "/{user_id}/user/activate",
    "Activate: PROCESSING -> ACTIVE with the first membership",
    "User status",
  ),
  request: {
    params: UserIdParams,
    body: { required: false, content: { "application/json": { schema: ActivationSchema } } },
  },
  responses: {
    200: record("The first membership record (SUB_ACTIVE, ACTIVATE)"),
    ...problems(400, 401, 403, 404, 409, 422, 502, 503),
  },
});

const tierChange = {
  params: UserIdParams,
  body: { required: true, content: { "application/json": { schema: TierChangeSchema } } },
};

const upgradeRoute = createRoute({
  ...post("/{user_id}/membership/upgrade", "Upgrade now; the prorated fee is charged first", "Memberships"),
  request: tierChange,
  responses: {
    200: record("The MEMBERSHIP_UPGRADE record"),
    ...problems(400, 401, 403, 404, 409, 422, 502, 503),
  },
});

const downgradeRoute = createRoute({
  ...post("/{user_id}/membership/downgrade", "Downgrade at the end of the billing period", "Memberships"),
  request: tierChange,
  responses: {
    200: record("The MEMBERSHIP_DOWNGRADE record, downgrade pending"),
    ...problems(400, 401, 403, 404, 409, 422, 502, 503),
  },
});

const finalizeRoute = createRoute({
  ...post(
    "/{user_id}/membership/downgrade/finalize",
    "Apply a pending downgrade (billing cycle)",
    "Memberships",
  ),
  request: { params: UserIdParams },
  responses: {
    200: record("The MEMBERSHIP_DOWNGRADE_FINALIZED record"),
    ...problems(400, 401, 403, 404, 409, 502, 503),
  },
});

const retractRoute = createRoute({
  ...post("/{user_id}/membership/retract", "Retract a pending downgrade or cancellation", "Memberships"),
  request: { params: UserIdParams },
  responses: {
    200: record("The MEMBERSHIP_RETRACT or RETRACT record"),
    ...problems(400, 401, 403, 404, 409, 502, 503),
  },
});

const payNowRoute = createRoute({
  ...post("/{user_id}/membership/paynow", "Collect the current period's fee now", "Memberships"),
  request: { params: UserIdParams },
  responses: {
    200: record("The PAYNOW record"),
    ...problems(400, 401, 403, 404, 409, 422, 502, 503),
  },
});

export type MembershipBillingRoutesDeps = ActivateMembershipDeps &
  UpgradeMembershipDeps &
  DowngradeMembershipDeps &
  FinalizeDowngradeDeps &
  RetractPendingChangeDeps &
  PayNowDeps;

export function registerMembershipBillingRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: MembershipBillingRoutesDeps,
): void {
  app.openapi(activateRoute, async (c) => {
    const body = c.req.valid("json") ?? {};
    const id = c.req.valid("param").user_id;
    return c.json(await activateMembership(deps, c.get("principal"), id, body), 200);
  });
  app.openapi(upgradeRoute, async (c) => {
    const { membership_tier } = c.req.valid("json");
    const id = c.req.valid("param").user_id;
    return c.json(await upgradeMembership(deps, c.get("principal"), id, membership_tier), 200);
  });
  app.openapi(downgradeRoute, async (c) => {
    const { membership_tier } = c.req.valid("json");
    const id = c.req.valid("param").user_id;
    return c.json(await downgradeMembership(deps, c.get("principal"), id, membership_tier), 200);
  });
  app.openapi(finalizeRoute, async (c) =>
    c.json(await finalizeDowngrade(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );
  app.openapi(retractRoute, async (c) =>
    c.json(await retractPendingChange(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );
  app.openapi(payNowRoute, async (c) =>
    c.json(await payNow(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );
}
