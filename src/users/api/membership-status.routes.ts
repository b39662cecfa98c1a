import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { bearerSecurity, problems } from "../../platform/http/common.schemas.ts";
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
const route = (path: string, summary: string, user: boolean) => ({
  method: "post" as const,
  path,
  tags: [user ? "User status" : "Memberships"],
  summary,
  security: bearerSecurity,
});

function post(path: string, summary: string, statuses: Status[], user = false) {
  return createRoute({
    ...route(path, summary, user),
    request: { params: UserIdParams },
    responses: answers(statuses, user),
  });
}

function postWith<B extends z.ZodType>(
  path: string,
  summary: string,
  schema: B,
  statuses: Status[],
  user = false,
) {
  return createRoute({
    ...route(path, summary, user),
    request: { params: UserIdParams, body: body(schema) },
    responses: answers(statuses, user),
  });
}

const cancel = postWith(
  "/{user_id}/membership/cancel",
  "Cancel at the period's end",
  ReasonSchema,
  [409, 502, 503],
);
const complete = post(
  "/{user_id}/membership/cancel/complete",
  "End a pending cancellation at the period's end (services, operators)",
  [409, 502, 503],
);
const close = createRoute({
  ...route("/{user_id}/membership/close-account", "Close the account now", false),
  request: { params: UserIdParams, body: body(ReasonSchema) },
  responses: {
    ...answers([409, 502, 503], false),
    204: { description: "The user never had a membership: the user is PAUSED and the cleanup is queued" },
  },
});
const pause = postWith(
  "/{user_id}/membership/pause",
  "Pause billing for some months",
  PauseRequestSchema,
  [409, 422, 502, 503],
);
const unpause = postWith(
  "/{user_id}/membership/unpause",
  "End a pause, now (with a charge) or at the next cycle",
  UnpauseRequestSchema,
  [409, 422, 502, 503],
);
const reactivate = post(
  "/{user_id}/membership/reactivate",
  "Reactivate a cancelled membership",
  [409, 422, 502, 503],
);
const ban = postWith(
  "/{user_id}/user/ban",
  "Ban the user (services, operators): Auth0 blocked, membership CANCELLED",
  ReasonSchema,
  [409, 502, 503],
  true,
);
const unban = post(
  "/{user_id}/user/unban",
  "Lift a ban (operators): Auth0 unblocked, user PAUSED",
  [409, 502, 503],
  true,
);

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
