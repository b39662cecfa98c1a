import { ConflictError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { type Membership, withoutConfirmation, withoutPendingDowngrade } from "../../domain/membership.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { changeMembership } from "./membership-change.engine.ts";
import { held } from "./membership-decision.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";

export interface FinalizeDowngradeDeps extends MembershipChangeDeps {
  readonly subscriptions: SubscriptionService;
}

/**
 * POST /{user_id}/membership/downgrade/finalize (services, operators; at the billing cycle): the
 * pending tier becomes the membership's, at the version the Subscription Service now bills. Refused
 * (409) while it still bills the old tier. No external change, so a conflict is simply re-applied.
 */
export async function finalizeDowngrade(
  deps: FinalizeDowngradeDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership> {
  const { membership } = await changeMembership(deps, principal, userId, {
    operation: "finalizeDowngrade",
    onConflict: "retry",
    external: async (state) => {
      const previous = held(state.membership);
      const pending = previous.membership_pending_tier ?? previous.membership_tier;
      const period = await deps.subscriptions.currentPeriod(userId);
      if (period.tier !== pending) {
        throw new ConflictError(
          `the downgrade to ${pending} takes effect at the billing cycle of ${previous.membership_downgrade_date}; the Subscription Service still bills ${period.tier}`,
        );
      }
      return { record: { membership_tier: pending, membership_tier_version: period.tierVersion } };
    },
    write: { carry: (previous) => withoutPendingDowngrade(withoutConfirmation(previous)) },
  });
  return held(membership);
}
