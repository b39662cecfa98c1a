import type { Principal } from "../../../platform/identity/principal.ts";
import type { User } from "../../domain/user.ts";
import type { IdentityAccounts } from "../../ports/identity-accounts.port.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { archiveEndedPause } from "./pause-tag.steps.ts";

export interface UnbanUserDeps extends MembershipChangeDeps {
  readonly accounts: IdentityAccounts;
}

/**
 * POST /{user_id}/user/unban (operators): the Auth0 account is unblocked first, then MX_UNBLOCK (the
 * membership stays CANCELLED) and the user PAUSED: they must still reactivate (seed 003).
 */
export async function unbanUser(
  deps: UnbanUserDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<User> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "unban",
    onConflict: "redecide",
    external: async () => {
      await deps.accounts.unblock(userId);
      return {};
    },
    write: { user: () => ({ user_status_reason: "unbanned" }), tag: archiveEndedPause },
  });
  return result.user;
}
