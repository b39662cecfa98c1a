import type { Principal } from "../../../platform/identity/principal.ts";
import type { User } from "../../domain/user.ts";
import type { LifecycleDeps } from "./lifecycle.ts";
import { changeMembership } from "./status-change.ts";

/**
 * POST /{user_id}/user/ban (services, operators): a live subscription is cancelled at once (a banned
 * user is not billed), then the Auth0 account is blocked; if either fails nothing is written (502 /
 * 503; repeating is safe: both calls are idempotent). Then CANCELLED (BANNED) and the user BANNED with
 * the reason, in one transaction. A ban loses a race only to another ban or to a change the table then
 * refuses to ban over, so nothing is undone.
 */
export async function banUser(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  reason: string,
): Promise<User> {
  const result = await changeMembership(deps, principal, userId, "ban", {
    external: async (state) => {
      const status = state.membership?.membership_status;
      if (state.membership && status !== "CANCELLED") {
        await deps.subscriptions.cancel(userId, {
          effective: "now",
          reason: "banned",
          idempotencyKey: state.idempotencyKey,
        });
      }
      await deps.accounts.block(userId);
      return undefined;
    },
    user: () => ({ user_status_reason: reason }),
  });
  return result.user;
}

/**
 * POST /{user_id}/user/unban (operators): the Auth0 account is unblocked first, then MX_UNBLOCK (the
 * membership stays CANCELLED) and the user PAUSED: they must still reactivate (seed 003).
 */
export async function unbanUser(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<User> {
  const result = await changeMembership(deps, principal, userId, "unban", {
    external: async () => {
      await deps.accounts.unblock(userId);
      return undefined;
    },
    user: () => ({ user_status_reason: "unbanned" }),
  });
  return result.user;
}
