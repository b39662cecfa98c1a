import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { FloatService } from "../../ports/float-service.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { type CleanupDeps, endedBy, queueCleanup, sendCleanup } from "./cleanup.steps.ts";
import { requireNoFloatBalance } from "./float-balance.policy.ts";
import { type ChangeResult, changeMembership } from "./membership-change.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { archiveEndedPause } from "./pause-tag.steps.ts";

export interface CloseAccountDeps extends MembershipChangeDeps, CleanupDeps {
  readonly subscriptions: SubscriptionService;
  readonly floats: FloatService;
}

/**
 * POST /{user_id}/membership/close-account: the float rule of cancellation; the subscription ends now;
 * CANCELLED (CLOSEACCOUNT), the user PAUSED, then the cleanup message (a repeat re-sends it). A user who
 * never activated has no subscription and no record: the user's status moves, and the cleanup message
 * still goes (they may have linked Plaid items and an Auth0 account). Ending billing now cannot be
 * undone through the port, so a race loser's cancellation stands, with no compensation (the winner's
 * change is one the table let through an account closure too: it ends the same way).
 */
export async function closeAccount(
  deps: CloseAccountDeps,
  principal: Principal | undefined,
  userId: string,
  reason: string,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "closeAccount",
    onConflict: "redecide",
    repeats: ({ membership }) => endedBy(membership, "CLOSEACCOUNT"),
    guard: () => requireNoFloatBalance(deps, userId, "close the account"),
    external: async ({ membership: before, idempotencyKey }) => {
      if (!before) return {};
      const sub = await deps.subscriptions.cancel(userId, { effective: "now", reason, idempotencyKey });
      return { record: { membership_subscription_id: sub.subscriptionId } };
    },
    write: { tag: archiveEndedPause },
    afterCommit: (closed) => cleanUpAfter(deps, userId, closed),
  });
  return result.membership;
}

async function cleanUpAfter(deps: CleanupDeps, userId: string, { membership, user }: ChangeResult) {
  if (membership?.membership_status === "CANCELLED") await sendCleanup(deps, membership, "CLOSEACCOUNT");
  else if (!membership) await queueCleanup(deps, userId, user.user_date_updated, "CLOSEACCOUNT");
}
