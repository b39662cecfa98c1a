import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { LifecycleDeps } from "./lifecycle.ts";
import { changeMembership } from "./status-change.ts";

/**
 * Withdraws a pending cancellation (RETRACT, back to good standing). The Subscription Service's port has
 * no "un-cancel": `resume` ("billing goes on at the next cycle") is the call that keeps the existing
 * subscription renewing, so it withdraws the period-end cancellation as it withdraws a pause (the sandbox
 * clears `cancelAt`). Not `reactivate`: that starts a new period now and would bill twice.
 * A loser of a race cancels again at the period's end.
 */
export async function retractCancellation(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, "retractCancellation", {
    external: async ({ idempotencyKey }) => {
      const sub = await deps.subscriptions.resume(userId, { idempotencyKey });
      return { membership_subscription_id: sub.subscriptionId };
    },
    compensate: ({ idempotencyKey }) =>
      deps.subscriptions
        .cancel(userId, {
          effective: "period_end",
          reason: "retraction lost to a concurrent change",
          idempotencyKey: `${idempotencyKey}:undo`,
        })
        .then(() => undefined),
  });
  return result.membership;
}
