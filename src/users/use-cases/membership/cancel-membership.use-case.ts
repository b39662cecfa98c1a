import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import { loadUser } from "../profile/load-user.query.ts";
import type { LifecycleDeps } from "./lifecycle.ts";
import { endedBy, sendCleanup } from "./membership-cleanup.ts";
import { changeMembership, type MembershipStatusDeps, requireNoFloatBalance } from "./status-change.ts";

/**
 * POST /{user_id}/membership/cancel: refused (409, with the amount) while a float is outstanding; the
 * Subscription Service stops renewing at the period's end, then PENDING_CANCELLATION (CANCEL). A loser
 * of a race withdraws its cancellation with `resume`, and asks again for a pause that won.
 */
export async function cancelMembership(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  reason: string,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, "cancel", {
    guard: () => requireNoFloatBalance(deps, userId, "cancel"),
    external: async ({ idempotencyKey }) => {
      const sub = await deps.subscriptions.cancel(userId, {
        effective: "period_end",
        reason,
        idempotencyKey,
      });
      return { membership_subscription_id: sub.subscriptionId };
    },
    compensate: async ({ idempotencyKey }, _facts, winner) => {
      await deps.subscriptions.resume(userId, { idempotencyKey: `${idempotencyKey}:undo` });
      // `resume` also withdrew a pause the winner asked for: ask for it again, as the winner recorded it.
      const { membership_pause_date: from, membership_pause_duration_months: months } = winner ?? {};
      if (winner?.membership_status === "SUB_PENDING_PAUSE" && from && months) {
        const key = `${idempotencyKey}:undo:pause`;
        await deps.subscriptions.pause(userId, { months, firstSkippedPayment: from, idempotencyKey: key });
      }
    },
  });
  return result.membership;
}

/**
 * POST /{user_id}/membership/cancel/complete (services, operators; at the period's end): CANCELLED
 * (CANCEL), the user PAUSED, then the cleanup message. Repeating it after the cleanup could not be queued
 * sends the message again.
 */
export async function completeCancellation(
  deps: MembershipStatusDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership | undefined> {
  requireKind(principal, ["service", "operator"]);
  const current = await deps.memberships.current(userId);
  if (endedBy(current, "CANCEL") && current) {
    await loadUser(deps.users, userId);
    await sendCleanup(deps, current, "CANCEL");
    return current;
  }
  const { membership } = await changeMembership(deps, principal, userId, "completeCancellation", {});
  if (membership) await sendCleanup(deps, membership, "CANCEL");
  return membership;
}
