import type { Principal } from "../../../platform/identity/principal.ts";
import type { User } from "../../domain/user.ts";
import type { IdentityAccounts } from "../../ports/identity-accounts.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { archiveEndedPause } from "./pause-tag.steps.ts";

export interface BanUserDeps extends MembershipChangeDeps {
  readonly subscriptions: SubscriptionService;
  readonly accounts: IdentityAccounts;
}

/**
 * POST /{user_id}/user/ban (services, operators): a live subscription is cancelled at once (a banned
 * user is not billed), then the Auth0 account is blocked; if either fails nothing is written (502 /
 * 503; repeating is safe: both calls are idempotent). Then CANCELLED (BANNED) and the user BANNED with
 * the reason, in one transaction. A ban loses a race only to another ban or to a change the table then
 * refuses to ban over, so nothing is undone.
 */
export async function banUser(
  deps: BanUserDeps,
  principal: Principal | undefined,
  userId: string,
  reason: string,
): Promise<User> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "ban",
    onConflict: "redecide",
    external: async ({ membership, idempotencyKey }) => {
      if (membership && membership.membership_status !== "CANCELLED") {
        await deps.subscriptions.cancel(userId, { effective: "now", reason: "banned", idempotencyKey });
      }
      await deps.accounts.block(userId);
      return {};
    },
    write: { user: () => ({ user_status_reason: reason }), tag: archiveEndedPause },
  });
  return result.user;
}
