import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  ActivationBody,
  BillingPeriodAnswer,
  CancelBody,
  DowngradeBody,
  PauseBody,
  ResumeBody,
  SubscriptionAnswer,
  TierChangeBody,
} from "../../contracts/subscriptions/subscriptions.http.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { IdempotencyKeyHeaders } from "../../platform/http/idempotency-key.schemas.ts";
import { access } from "../../platform/http/route-access.ts";
import { text } from "../../platform/http/text.schemas.ts";
import type { Principal } from "../../platform/identity/principal.ts";
import * as billing from "../use-cases/membership/membership-billing.use-case.ts";
import type { SubscriptionDeps } from "../use-cases/subscription.deps.ts";
import { membershipView, periodView } from "./membership.views.ts";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

export const UserParams = z.object({
  user_id: text({ max: 128 }).openapi({
    param: { name: "user_id", in: "path" },
    example: "auth0|6568a1f2c0ffee",
  }),
});

const Subscription = SubscriptionAnswer.meta({ id: "MembershipSubscription" });
const TAG = "Membership billing";
const WHO =
  "Callers: the User Service (its membership lifecycle) and operators. A repeat of the Idempotency-Key answers the first result; the same key with another body is 409.";

/** What every change route shares: its tag, callers, key header and refusals. */
const change = (operationId: string, summary: string, description: string) => ({
  method: "post" as const,
  tags: [TAG],
  operationId,
  summary,
  description: `${description} ${WHO}`,
  ...access(["service", "operator"]),
});

const activateRoute = createRoute({
  ...change(
    "activateSubscription",
    "Start billing a membership",
    "A new subscription whose first period starts now and lasts one term; its first cycle is charged at once by the billing runner. 409 SUBSCRIPTION_EXISTS while a live one exists.",
  ),
  path: "/subscriptions/users/{user_id}/subscription",
  request: { params: UserParams, headers: IdempotencyKeyHeaders, body: body(ActivationBody) },
  responses: {
    201: json(Subscription, "The subscription as it now stands"),
    ...problems(400, 401, 403, 404, 409),
  },
});
const reactivateRoute = createRoute({
  ...change(
    "reactivateSubscription",
    "Start a new subscription from now",
    "Ends the live subscription, if any (reason `reactivated`), and starts a new one whose period starts now.",
  ),
  path: "/subscriptions/users/{user_id}/subscription/reactivate",
  request: { params: UserParams, headers: IdempotencyKeyHeaders, body: body(ActivationBody) },
  responses: {
    200: json(Subscription, "The subscription as it now stands"),
    ...problems(400, 401, 403, 404, 409),
  },
});
const pauseRoute = createRoute({
  ...change(
    "pauseSubscription",
    "Skip some payments",
    "Skips `months` payments from the first due on or after `first_skipped_payment`: each emits `pause-skipped` on the `subscriptions` stream, and the pause's end `pause-resume`.",
  ),
  path: "/subscriptions/users/{user_id}/subscription/pause",
  request: { params: UserParams, headers: IdempotencyKeyHeaders, body: body(PauseBody) },
  responses: {
    200: json(Subscription, "The subscription as it now stands"),
    ...problems(400, 401, 403, 404, 409),
  },
});
const resumeRoute = createRoute({
  ...change(
    "resumeSubscription",
    "Withdraw a pause and a period-end cancellation",
    "Billing goes on at the next cycle (a pause already skipping ends now with `pause-resume`). With `charge`, the period restarts now, already paid. A no-op when there is nothing to withdraw.",
  ),
  path: "/subscriptions/users/{user_id}/subscription/resume",
  request: { params: UserParams, headers: IdempotencyKeyHeaders, body: body(ResumeBody) },
  responses: {
    200: json(Subscription, "The subscription as it now stands"),
    ...problems(400, 401, 403, 404, 409),
  },
});
const upgradeRoute = createRoute({
  ...change(
    "upgradeSubscription",
    "Renew at a higher tier from now",
    "Renewals bill the new tier at once (the prorated fee is the caller's charge); a pending downgrade is withdrawn.",
  ),
  path: "/subscriptions/users/{user_id}/subscription/upgrade",
  request: { params: UserParams, headers: IdempotencyKeyHeaders, body: body(TierChangeBody) },
  responses: {
    200: json(Subscription, "The subscription as it now stands"),
    ...problems(400, 401, 403, 404, 409),
  },
});
const downgradeRoute = createRoute({
  ...change(
    "downgradeSubscription",
    "Renew at a lower tier from a date",
    "The first renewal on or after `effective` bills the lower tier; then the User Service is asked to finalize the downgrade.",
  ),
  path: "/subscriptions/users/{user_id}/subscription/downgrade",
  request: { params: UserParams, headers: IdempotencyKeyHeaders, body: body(DowngradeBody) },
  responses: {
    200: json(Subscription, "The subscription as it now stands"),
    ...problems(400, 401, 403, 404, 409),
  },
});
const cancelRoute = createRoute({
  ...change(
    "cancelSubscriptionForMembership",
    "End billing now or at the period's end",
    "`now` ends billing at once (the period is cut, nothing more is charged); `period_end` lets the paid period run out, then the User Service is asked to complete the cancellation.",
  ),
  path: "/subscriptions/users/{user_id}/subscription/cancel",
  request: { params: UserParams, headers: IdempotencyKeyHeaders, body: body(CancelBody) },
  responses: {
    200: json(Subscription, "The subscription as it now stands"),
    ...problems(400, 401, 403, 404, 409),
  },
});
const periodRoute = createRoute({
  method: "get",
  path: "/subscriptions/users/{user_id}/subscription/current-period",
  tags: [TAG],
  operationId: "currentBillingPeriod",
  summary: "The current billing period and what the next renewal bills",
  description:
    "The live subscription's period, else the last one's. 404 NO_SUBSCRIPTION for a user never billed. Callers: the User Service and operators.",
  ...access(["service", "operator"]),
  request: { params: UserParams },
  responses: {
    200: json(BillingPeriodAnswer.meta({ id: "BillingPeriod" }), "The period"),
    ...problems(400, 401, 403, 404),
  },
});

export function registerMembershipBillingRoutes(app: OpenAPIHono<AppEnv>, deps: SubscriptionDeps): void {
  const call = (principal: Principal | undefined, userId: string, key: string) => ({
    principal,
    userId,
    idempotencyKey: key,
    view: membershipView,
  });
  app.openapi(activateRoute, async (c) => {
    const at = call(
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("header")["idempotency-key"],
    );
    return c.json((await billing.activate(deps, at, c.req.valid("json"))).answer, 201);
  });
  app.openapi(reactivateRoute, async (c) => {
    const at = call(
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("header")["idempotency-key"],
    );
    return c.json((await billing.reactivate(deps, at, c.req.valid("json"))).answer, 200);
  });
  app.openapi(pauseRoute, async (c) => {
    const at = call(
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("header")["idempotency-key"],
    );
    return c.json((await billing.pause(deps, at, c.req.valid("json"))).answer, 200);
  });
  app.openapi(resumeRoute, async (c) => {
    const at = call(
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("header")["idempotency-key"],
    );
    return c.json((await billing.resume(deps, at, c.req.valid("json"))).answer, 200);
  });
  app.openapi(upgradeRoute, async (c) => {
    const at = call(
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("header")["idempotency-key"],
    );
    return c.json((await billing.upgrade(deps, at, c.req.valid("json"))).answer, 200);
  });
  app.openapi(downgradeRoute, async (c) => {
    const at = call(
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("header")["idempotency-key"],
    );
    return c.json((await billing.downgrade(deps, at, c.req.valid("json"))).answer, 200);
  });
  app.openapi(cancelRoute, async (c) => {
    const at = call(
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("header")["idempotency-key"],
    );
    return c.json((await billing.cancel(deps, at, c.req.valid("json"))).answer, 200);
  });
  app.openapi(periodRoute, async (c) => {
    const s = await billing.currentSubscription(deps, c.get("principal"), c.req.valid("param").user_id);
    return c.json(periodView(s), 200);
  });
}
