import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import type { MembershipOperation } from "../domain/membership-lifecycle.table.ts";
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
import { lifecycleCallers } from "./route-callers.ts";
import { UserIdParams } from "./user.schemas.ts";

const record = (description: string) => ({
  description,
  content: { "application/json": { schema: MembershipSchema } },
});
interface OperationText<P extends string> {
  /** The lifecycle operation whose callers the route admits. */
  readonly operation: MembershipOperation;
  readonly operationId: string;
  readonly path: P;
  readonly summary: string;
  readonly description: string;
  readonly tag: string;
}

const post = <P extends string>({ operation, tag, ...text }: OperationText<P>) => ({
  method: "post" as const,
  tags: [tag],
  ...text,
  ...lifecycleCallers(operation),
});

const activateRoute = createRoute({
  ...post({
    operation: "activate",
    operationId: "activateMembership",
    path: "/{user_id}/user/activate",
    summary: "Activate: PROCESSING -> ACTIVE with the first membership",
    description:
      "PROCESSING -> ACTIVE. Needs a linked Plaid item, an active debit card and a tier of the catalogue; the Subscription Service starts the subscription (one key for every attempt, so a retry finds the first attempt's), then the first membership record (SUB_ACTIVE, ACTIVATE) and the user's ACTIVE version are written together. Callers: the user themself, services and operators.",
    tag: "User status",
  }),
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
  ...post({
    operation: "upgrade",
    operationId: "upgradeMembership",
    path: "/{user_id}/membership/upgrade",
    summary: "Upgrade now; the prorated fee is charged first",
    description:
      "Moves the membership to a higher tier at once. The prorated fee for the rest of the period is charged through the Payment Service first; a declined charge changes nothing. Callers: the user themself, services and operators.",
    tag: "Memberships",
  }),
  request: tierChange,
  responses: {
    200: record("The MEMBERSHIP_UPGRADE record"),
    ...problems(400, 401, 403, 404, 409, 422, 502, 503),
  },
});

const downgradeRoute = createRoute({
  ...post({
    operation: "downgrade",
    operationId: "downgradeMembership",
    path: "/{user_id}/membership/downgrade",
    summary: "Downgrade at the end of the billing period",
    description:
      "Records a downgrade to a lower tier that takes effect at the end of the billing period (the downgrade is pending until then and can be retracted). Callers: the user themself, services and operators.",
    tag: "Memberships",
  }),
  request: tierChange,
  responses: {
    200: record("The MEMBERSHIP_DOWNGRADE record, downgrade pending"),
    ...problems(400, 401, 403, 404, 409, 422, 502, 503),
  },
});

const finalizeRoute = createRoute({
  ...post({
    operation: "finalizeDowngrade",
    operationId: "finalizeDowngrade",
    path: "/{user_id}/membership/downgrade/finalize",
    summary: "Apply a pending downgrade (billing cycle)",
    description:
      "Applies the pending downgrade when the billing period ends: the lower tier becomes the membership's tier. Callers: services (the billing cycle) and operators.",
    tag: "Memberships",
  }),
  request: { params: UserIdParams },
  responses: {
    200: record("The MEMBERSHIP_DOWNGRADE_FINALIZED record"),
    ...problems(400, 401, 403, 404, 409, 502, 503),
  },
});

const retractRoute = createRoute({
  ...post({
    operation: "retractDowngrade",
    operationId: "retractPendingChange",
    path: "/{user_id}/membership/retract",
    summary: "Retract a pending downgrade or cancellation",
    description:
      "Withdraws a pending downgrade or a pending cancellation before the period ends: the membership goes on as it was. Callers: the user themself, services and operators.",
    tag: "Memberships",
  }),
  request: { params: UserIdParams },
  responses: {
    200: record("The MEMBERSHIP_RETRACT or RETRACT record"),
    ...problems(400, 401, 403, 404, 409, 502, 503),
  },
});

const payNowRoute = createRoute({
  ...post({
    operation: "payNow",
    operationId: "payNow",
    path: "/{user_id}/membership/paynow",
    summary: "Collect the current period's fee now",
    description:
      "Collects the current period's fee now through the Payment Service, with one key per period, so a repeat or a retry after a timeout charges once. Callers: the user themself, services and operators.",
    tag: "Memberships",
  }),
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
