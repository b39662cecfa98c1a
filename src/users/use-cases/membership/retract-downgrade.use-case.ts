import type { Principal } from "../../../platform/identity/principal.ts";
import { type Membership, withoutConfirmation, withoutPendingDowngrade } from "../../domain/membership.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { withdrawDowngrade } from "./downgrade.steps.ts";
import { changeMembership } from "./membership-change.engine.ts";
import { held } from "./membership-decision.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";

export interface RetractDowngradeDeps extends MembershipChangeDeps {
  readonly subscriptions: SubscriptionService;
}

/**
 * Retracting a pending downgrade (MEMBERSHIP_RETRACT): the Subscription Service's `upgrade` to the tier
 * the membership holds withdraws it (`withdrawDowngrade`). Re-applying that is harmless, so a conflict
 * is re-applied to the newer record (or refused by the table).
 */
export async function retractDowngrade(
  deps: RetractDowngradeDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership> {
  const { membership } = await changeMembership(deps, principal, userId, {
    operation: "retractDowngrade",
    onConflict: "retry",
    external: async (state) => {
      const previous = held(state.membership);
      // `retract:`, not the operation's name: the key the retraction has always sent, so a repeat of an
      // earlier request stays the same call.
      await withdrawDowngrade(deps, previous, `retract:${userId}:${previous.membership_start_date}`);
      return {};
    },
    write: { carry: (previous) => withoutPendingDowngrade(withoutConfirmation(previous)) },
  });
  return held(membership);
}
