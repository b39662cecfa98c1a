import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import { loadUser } from "../profile/load-user.query.ts";
import { endedBy, queueCleanup, sendCleanup } from "./membership-cleanup.ts";
import { changeMembership, type MembershipStatusDeps, requireNoFloatBalance } from "./status-change.ts";

/**
 * POST /{user_id}/membership/close-account: the float rule of cancellation; the subscription ends now;
 * CANCELLED (CLOSEACCOUNT), the user PAUSED, then the cleanup message (a repeat re-sends it). A user who
 * never activated has no subscription and no record: the user's status moves, and the cleanup message
 * still goes (they may have linked Plaid items and an Auth0 account). Ending billing now
 * cannot be undone through the port, so a race loser's cancellation is logged, not reversed (the
 * winner's change is one the table let through an account closure too: it ends the same way).
 */
export async function closeAccount(
  deps: MembershipStatusDeps,
  principal: Principal | undefined,
  userId: string,
  reason: string,
): Promise<Membership | undefined> {
  requireSelfOr(principal, userId);
  const current = await deps.memberships.current(userId);
  if (endedBy(current, "CLOSEACCOUNT") && current) {
    await loadUser(deps.users, userId);
    await sendCleanup(deps, current, "CLOSEACCOUNT");
    return current;
  }
  const { membership, user } = await changeMembership(deps, principal, userId, "closeAccount", {
    guard: () => requireNoFloatBalance(deps, userId, "close the account"),
    external: async ({ membership: before, idempotencyKey }) => {
      if (!before) return undefined;
      const sub = await deps.subscriptions.cancel(userId, { effective: "now", reason, idempotencyKey });
      return { membership_subscription_id: sub.subscriptionId };
    },
  });
  if (membership?.membership_status === "CANCELLED") await sendCleanup(deps, membership, "CLOSEACCOUNT");
  else if (!membership) await queueCleanup(deps, userId, user.user_date_updated, "CLOSEACCOUNT");
  return membership;
}
