import { BusinessRuleError, ValidationError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { User } from "../../domain/user.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { PAUSE_DISABLED_TAG, pauseDisabled, pauseStatusTag } from "./pause-tag.steps.ts";

export interface PauseMembershipDeps extends MembershipChangeDeps {
  readonly catalog: MembershipCatalog;
  readonly subscriptions: SubscriptionService;
}

/**
 * POST /{user_id}/membership/pause: 1 to the catalogue's pause maximum (400 beyond), refused (422) for a
 * user tagged PAUSE_SUB_DISABLED=true. The Subscription Service skips `months` payments from the current
 * period's end (the first skipped payment, `membership_pause_date`); then SUB_PENDING_PAUSE (SUB_PAUSED)
 * and the tag MEMBERSHIP_PAUSE_STATUS=SUB_PENDING_PAUSE, in one transaction. A race loser withdraws its
 * pause with `resume`, except against a pending cancellation (there the pause is moot and `resume` would
 * undo the cancellation).
 */
export async function pauseMembership(
  deps: PauseMembershipDeps,
  principal: Principal | undefined,
  userId: string,
  months: number,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "pause",
    onConflict: "redecide",
    guard: ({ user }) => requirePausable(deps, user, months),
    external: async ({ idempotencyKey }) => {
      const period = await deps.subscriptions.currentPeriod(userId);
      const firstSkippedPayment = period.end.slice(0, 10);
      const sub = await deps.subscriptions.pause(userId, { months, firstSkippedPayment, idempotencyKey });
      const record = {
        membership_subscription_id: sub.subscriptionId,
        membership_pause_date: firstSkippedPayment,
        membership_pause_duration_months: months,
      };
      return { record };
    },
    write: { tag: pauseStatusTag("SUB_PENDING_PAUSE") },
    compensate: async ({ state: { idempotencyKey }, winner }) => {
      // Against a cancellation the pause is moot (its first skipped payment is the period's end, when the
      // cancellation takes effect), and `resume` would withdraw that cancellation too.
      if (winner?.membership_status === "PENDING_CANCELLATION") return undefined;
      await deps.subscriptions.resume(userId, { idempotencyKey: `${idempotencyKey}:undo` });
      return undefined;
    },
  });
  return result.membership;
}

/** 1 to the catalogue's pause maximum (400 beyond); refused (422) for a user tagged PAUSE_SUB_DISABLED=true. */
async function requirePausable(deps: PauseMembershipDeps, user: User, months: number): Promise<void> {
  const max = await deps.catalog.pauseMaxMonths();
  if (months > max) {
    const message = `must be from 1 to ${max} (the pause maximum)`;
    throw new ValidationError([{ path: "membership_pause_duration_months", message }]);
  }
  if (pauseDisabled(user)) {
    throw new BusinessRuleError(`pausing is disabled for this user (tag ${PAUSE_DISABLED_TAG}=true)`);
  }
}
