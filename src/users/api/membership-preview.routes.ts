import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import {
  type MembershipPreview,
  type PreviewDeps,
  previewMembershipChange,
} from "../use-cases/membership/preview-membership-change.query.ts";
import { MembershipPreviewSchema, PreviewParams, PreviewQuery } from "./membership-preview.schemas.ts";
import { selfOrStaff } from "./route-callers.ts";

const previewRoute = createRoute({
  method: "get",
  path: "/{user_id}/membership/preview/{change}",
  tags: ["Memberships"],
  operationId: "previewMembershipChange",
  summary: "What an upgrade, a downgrade or a cancellation would do now, without doing it",
  description:
    "Decided by the rules the change itself applies, for this caller: whether the lifecycle allows it now (else `allowed` false and the refusal in the change's words), the target tier's current offer and rank, the period it falls in (the Subscription Service's), the prorated fee an upgrade would charge now (the very policy the upgrade charges by; 0 for employees), when a downgrade or a cancellation takes effect (the period's end), and the float balance that refuses a cancellation while it is more than 0. Read-only: nothing is charged, asked of the store or written. The operator console shows it before an operator makes the change. Callers: the user themself, services and operators.",
  ...selfOrStaff,
  request: { params: PreviewParams, query: PreviewQuery },
  responses: {
    200: {
      description: "What the change would do",
      content: { "application/json": { schema: MembershipPreviewSchema } },
    },
    ...problems(400, 401, 403, 404, 422, 502, 503),
  },
});

function previewView(p: MembershipPreview) {
  return {
    change: p.change,
    allowed: p.allowed,
    ...(p.refusal ? { refusal: p.refusal } : {}),
    ...(p.fromTier ? { from_tier: p.fromTier } : {}),
    ...(p.toTier ? { to_tier: p.toTier } : {}),
    ...(p.effective ? { effective: p.effective } : {}),
    ...(p.period
      ? {
          period: {
            start: p.period.start,
            end: p.period.end,
            price_cents: p.period.priceCents,
            currency: p.period.currency,
            term: p.period.term,
            tier: p.period.tier,
            tier_version: p.period.tierVersion,
          },
        }
      : {}),
    charge_now_cents: p.chargeNowCents,
    ...(p.renewalPriceCents !== undefined ? { renewal_price_cents: p.renewalPriceCents } : {}),
    ...(p.currency ? { currency: p.currency } : {}),
    ...(p.floatBalanceCents !== undefined ? { float_balance_cents: p.floatBalanceCents } : {}),
  };
}

export function registerMembershipPreviewRoutes(app: OpenAPIHono<AppEnv>, deps: PreviewDeps): void {
  app.openapi(previewRoute, async (c) => {
    const { user_id, change } = c.req.valid("param");
    const tier = c.req.valid("query").membership_tier;
    return c.json(
      previewView(await previewMembershipChange(deps, c.get("principal"), user_id, change, tier)),
      200,
    );
  });
}
