import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import type { MembershipOperation } from "../domain/membership-lifecycle.table.ts";
import { type BanUserDeps, banUser } from "../use-cases/membership/ban-user.use-case.ts";
import {
  type CancelMembershipDeps,
  cancelMembership,
} from "../use-cases/membership/cancel-membership.use-case.ts";
import { type CloseAccountDeps, closeAccount } from "../use-cases/membership/close-account.use-case.ts";
import {
  type CompleteCancellationDeps,
  completeCancellation,
} from "../use-cases/membership/complete-cancellation.use-case.ts";
import {
  type PauseMembershipDeps,
  pauseMembership,
} from "../use-cases/membership/pause-membership.use-case.ts";
import {
  type ReactivateMembershipDeps,
  reactivateMembership,
} from "../use-cases/membership/reactivate-membership.use-case.ts";
import { type UnbanUserDeps, unbanUser } from "../use-cases/membership/unban-user.use-case.ts";
import {
  type UnpauseMembershipDeps,
  unpauseMembership,
} from "../use-cases/membership/unpause-membership.use-case.ts";
import { MembershipSchema, ReasonSchema } from "./membership.schemas.ts";
import { PauseRequestSchema, UnpauseRequestSchema } from "./membership-status.schemas.ts";
import { lifecycleCallers } from "./route-callers.ts";
import { UserIdParams, UserSchema } from "./user.schemas.ts";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

type Status = Parameters<typeof problems>[number];
const answers = (statuses: Status[], user: boolean) => ({
  200: user ? json(UserSchema, "The user's new version") : json(MembershipSchema, "The new record"),
  ...problems(400, 401, 403, 404, ...statuses),
});

interface Operation {
  /** The lifecycle operation whose callers the route admits. */
  readonly operation: MembershipOperation;
  readonly operationId: string;
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly statuses: Status[];
  /** Whether it answers the user's new version (User status) rather than the membership record. */
  readonly user?: boolean;
}

const route = ({ operation, operationId, path, summary, description, user = false }: Operation) => ({
  method: "post" as const,
  path,
  tags: [user ? "User status" : "Memberships"],
  operationId,
  summary,
  description,
  ...lifecycleCallers(operation),
});

function post(operation: Operation) {
  return createRoute({
    ...route(operation),
    request: { params: UserIdParams },
    responses: answers(operation.statuses, operation.user ?? false),
  });
}

function postWith<B extends z.ZodType>(operation: Operation, schema: B) {
  return createRoute({
    ...route(operation),
    request: { params: UserIdParams, body: body(schema) },
    responses: answers(operation.statuses, operation.user ?? false),
  });
}

const cancel = postWith(
  {
    operation: "cancel",
    operationId: "cancelMembership",
    path: "/{user_id}/membership/cancel",
    summary: "Cancel at the period's end",
    description:
      "The Subscription Service stops renewing at the period's end and the membership is PENDING_CANCELLATION until then (it may be retracted). Refused with 409 while a float is outstanding. Callers: the user themself, services and operators.",
    statuses: [409, 502, 503],
  },
  ReasonSchema,
);
const complete = post({
  operation: "completeCancellation",
  operationId: "completeCancellation",
  path: "/{user_id}/membership/cancel/complete",
  summary: "End a pending cancellation at the period's end (services, operators)",
  description:
    "Ends a pending cancellation when the period ends: the membership is CANCELLED, the user PAUSED, and the account's cleanup is queued. Callers: services (the billing cycle) and operators.",
  statuses: [409, 502, 503],
});
const closeOperation: Operation = {
  operation: "closeAccount",
  operationId: "closeAccount",
  path: "/{user_id}/membership/close-account",
  summary: "Close the account now",
  description:
    "Closes the account now: the subscription ends, the membership is CANCELLED (CLOSEACCOUNT), the user PAUSED and the account's cleanup queued. Refused with 409 while a float is outstanding; a user who never activated answers 204. Callers: the user themself, services and operators.",
  statuses: [409, 502, 503],
};
const close = createRoute({
  ...route(closeOperation),
  request: { params: UserIdParams, body: body(ReasonSchema) },
  responses: {
    ...answers(closeOperation.statuses, false),
    204: { description: "The user never had a membership: the user is PAUSED and the cleanup is queued" },
  },
});
const pause = postWith(
  {
    operation: "pause",
    operationId: "pauseMembership",
    path: "/{user_id}/membership/pause",
    summary: "Pause billing for some months",
    description:
      "The Subscription Service skips `months` payments from the current period's end (1 to the catalogue's maximum) and the membership is SUB_PENDING_PAUSE; refused with 422 for a user tagged PAUSE_SUB_DISABLED. Callers: the user themself, services and operators.",
    statuses: [409, 422, 502, 503],
  },
  PauseRequestSchema,
);
const unpause = postWith(
  {
    operation: "unpause",
    operationId: "unpauseMembership",
    path: "/{user_id}/membership/unpause",
    summary: "End a pause, now (with a charge) or at the next cycle",
    description:
      "Without a charge, billing goes on at the next cycle and the membership is SUB_PENDING_RESUME until the Subscription Service says it resumed. With a charge, the period's price is collected now and the membership is SUB_RESUMED at once (the charge is refunded if the resumption fails). Callers: the user themself, services and operators.",
    statuses: [409, 422, 502, 503],
  },
  UnpauseRequestSchema,
);
const reactivate = post({
  operation: "reactivate",
  operationId: "reactivateMembership",
  path: "/{user_id}/membership/reactivate",
  summary: "Reactivate a cancelled membership",
  description:
    "Starts a new subscription on the membership's tier and term at the catalogue's current price: SUB_ACTIVE, the user ACTIVE. Refused with 409 while a float is outstanding and with 422 when the Underwriting Service finds the user ineligible. Callers: the user themself, services and operators.",
  statuses: [409, 422, 502, 503],
});
const ban = postWith(
  {
    operation: "ban",
    operationId: "banUser",
    path: "/{user_id}/user/ban",
    summary: "Ban the user (services, operators): Auth0 blocked, membership CANCELLED",
    description:
      "Bans the user (a chargeback, fraud): a live subscription is cancelled at once, the Auth0 account blocked, the membership CANCELLED (BANNED) and the user BANNED. Callers: services (the payment worker) and operators.",
    statuses: [409, 502, 503],
    user: true,
  },
  ReasonSchema,
);
const unban = post({
  operation: "unban",
  operationId: "unbanUser",
  path: "/{user_id}/user/unban",
  summary: "Lift a ban (operators): Auth0 unblocked, user PAUSED",
  description:
    "Lifts a ban: the Auth0 account is unblocked, the membership stays CANCELLED and the user is PAUSED: they must still reactivate. Callers: operators.",
  statuses: [409, 502, 503],
  user: true,
});

export type MembershipStatusRoutesDeps = CancelMembershipDeps &
  CompleteCancellationDeps &
  CloseAccountDeps &
  PauseMembershipDeps &
  UnpauseMembershipDeps &
  ReactivateMembershipDeps &
  BanUserDeps &
  UnbanUserDeps;

export function registerMembershipStatusRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: MembershipStatusRoutesDeps,
): void {
  app.openapi(cancel, async (c) => {
    const { user_id } = c.req.valid("param");
    return c.json(await cancelMembership(deps, c.get("principal"), user_id, c.req.valid("json").reason), 200);
  });
  app.openapi(complete, async (c) =>
    c.json(await completeCancellation(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );
  app.openapi(close, async (c) => {
    const { user_id } = c.req.valid("param");
    const membership = await closeAccount(deps, c.get("principal"), user_id, c.req.valid("json").reason);
    return membership ? c.json(membership, 200) : c.body(null, 204);
  });
  app.openapi(pause, async (c) => {
    const months = c.req.valid("json").membership_pause_duration_months;
    return c.json(await pauseMembership(deps, c.get("principal"), c.req.valid("param").user_id, months), 200);
  });
  app.openapi(unpause, async (c) => {
    const { charge } = c.req.valid("json");
    return c.json(
      await unpauseMembership(deps, c.get("principal"), c.req.valid("param").user_id, charge),
      200,
    );
  });
  app.openapi(reactivate, async (c) =>
    c.json(await reactivateMembership(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );
  app.openapi(ban, async (c) => {
    const { user_id } = c.req.valid("param");
    return c.json(await banUser(deps, c.get("principal"), user_id, c.req.valid("json").reason), 200);
  });
  app.openapi(unban, async (c) =>
    c.json(await unbanUser(deps, c.get("principal"), c.req.valid("param").user_id), 200),
  );
}
