import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { archiveEndedPause } from "./pause-tag.steps.ts";

export interface RetractCancellationDeps extends MembershipChangeDeps {
  readonly subscriptions: SubscriptionService;
}

/**
 * Withdraws a pending cancellation (RETRACT, back to good standing). The Subscription Service's port has
 * no "un-cancel": `resume` ("billing goes on at the next cycle") is the call that keeps the existing
 * subscription renewing, so it withdraws the period-end cancellation as it withdraws a pause (the sandbox
 * clears `cancelAt`). Not `reactivate`: that starts a new period now and would bill twice.
 * A loser of a race cancels again at the period's end.
 */
export async function retractCancellation(
  deps: RetractCancellationDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "retractCancellation",
    onConflict: "redecide",
    external: async ({ idempotencyKey }) => {
      const sub = await deps.subscriptions.resume(userId, { idempotencyKey });
      return { record: { membership_subscription_id: sub.subscriptionId } };
    },
    write: { tag: archiveEndedPause },
    compensate: async ({ state: { idempotencyKey } }) => {
      await deps.subscriptions.cancel(userId, {
        effective: "period_end",
        reason: "retraction lost to a concurrent change",
        idempotencyKey: `${idempotencyKey}:undo`,
      });
      return undefined;
    },
  });
  return result.membership;
}
