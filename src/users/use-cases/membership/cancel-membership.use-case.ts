import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { FloatService } from "../../ports/float-service.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { requireNoFloatBalance } from "./float-balance.policy.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { archiveEndedPause } from "./pause-tag.steps.ts";

export interface CancelMembershipDeps extends MembershipChangeDeps {
  readonly subscriptions: SubscriptionService;
  readonly floats: FloatService;
}

/**
 * POST /{user_id}/membership/cancel: refused (409, with the amount) while a float is outstanding; the
 * Subscription Service stops renewing at the period's end, then PENDING_CANCELLATION (CANCEL). A loser
 * of a race withdraws its cancellation with `resume`, and asks again for a pause that won.
 */
export async function cancelMembership(
  deps: CancelMembershipDeps,
  principal: Principal | undefined,
  userId: string,
  reason: string,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "cancel",
    onConflict: "redecide",
    guard: () => requireNoFloatBalance(deps, userId, "cancel"),
    external: async ({ idempotencyKey }) => {
      const sub = await deps.subscriptions.cancel(userId, {
        effective: "period_end",
        reason,
        idempotencyKey,
      });
      return { record: { membership_subscription_id: sub.subscriptionId } };
    },
    write: { tag: archiveEndedPause },
    compensate: async ({ state: { idempotencyKey }, winner }) => {
      await deps.subscriptions.resume(userId, { idempotencyKey: `${idempotencyKey}:undo` });
      // `resume` also withdrew a pause the winner asked for: ask for it again, as the winner recorded it.
      const { membership_pause_date: from, membership_pause_duration_months: months } = winner ?? {};
      if (winner?.membership_status === "SUB_PENDING_PAUSE" && from && months) {
        const key = `${idempotencyKey}:undo:pause`;
        await deps.subscriptions.pause(userId, { months, firstSkippedPayment: from, idempotencyKey: key });
      }
      return undefined;
    },
  });
  return result.membership;
}
