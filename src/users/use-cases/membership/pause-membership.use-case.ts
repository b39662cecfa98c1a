import { BusinessRuleError, ValidationError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { LifecycleDeps } from "./lifecycle.ts";
import { PAUSE_DISABLED_TAG, pauseDisabled, pauseStatusTag } from "./pause-tag.ts";
import { changeMembership } from "./status-change.ts";

/**
 * POST /{user_id}/membership/pause: 1 to the catalogue's pause maximum (400 beyond), refused (422) for a
 * user tagged PAUSE_SUB_DISABLED=true. The Subscription Service skips `months` payments from the current
 * period's end (the first skipped payment, `membership_pause_date`); then SUB_PENDING_PAUSE (SUB_PAUSED)
 * and the tag MEMBERSHIP_PAUSE_STATUS=SUB_PENDING_PAUSE, in one transaction. A race loser withdraws its pause with `resume`,
 * except against a pending cancellation (there the pause is moot and `resume` would undo the cancellation).
 */
export async function pauseMembership(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  months: number,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, "pause", {
    guard: async ({ user }) => {
      const max = await deps.catalog.pauseMaxMonths();
      if (months > max) {
        const message = `must be from 1 to ${max} (the pause maximum)`;
        throw new ValidationError([{ path: "membership_pause_duration_months", message }]);
      }
      if (pauseDisabled(user)) {
        throw new BusinessRuleError(`pausing is disabled for this user (tag ${PAUSE_DISABLED_TAG}=true)`);
      }
    },
    external: async ({ idempotencyKey }) => {
      const period = await deps.subscriptions.currentPeriod(userId);
      const firstSkippedPayment = period.end.slice(0, 10);
      const sub = await deps.subscriptions.pause(userId, { months, firstSkippedPayment, idempotencyKey });
      return {
        membership_subscription_id: sub.subscriptionId,
        membership_pause_date: firstSkippedPayment,
        membership_pause_duration_months: months,
      };
    },
    tag: pauseStatusTag("SUB_PENDING_PAUSE"),
    compensate: async ({ idempotencyKey }, _facts, winner) => {
      // Against a cancellation the pause is moot (its first skipped payment is the period's end, when the
      // cancellation takes effect), and `resume` would withdraw that cancellation too.
      if (winner?.membership_status === "PENDING_CANCELLATION") return;
      await deps.subscriptions.resume(userId, { idempotencyKey: `${idempotencyKey}:undo` });
    },
  });
  return result.membership;
}
