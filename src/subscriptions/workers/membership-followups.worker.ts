import type { Logger } from "../../platform/logging/logger.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import type { BillingStore, DueFollowup } from "../ports/billing.store.ts";
import type { Memberships } from "../ports/membership.port.ts";

export interface FollowupDeps {
  readonly billing: BillingStore;
  readonly memberships: Memberships;
  readonly clock: Clock;
  readonly logger: Logger;
}

const MINUTE_MS = 60_000;

/**
 * Tells the User Service what the runner did on its own (a downgrade finalized at the renewal, a
 * period-end cancellation completed, the recovery window run out), after the change committed: each
 * follow-up until the User Service took it, backing off (1, 2, 4 ... 60 minutes) while it refuses or
 * is down, one failing follow-up never holding up the others. Returns how many were delivered.
 */
export async function deliverFollowups(deps: FollowupDeps, limit = 100): Promise<number> {
  const due = await deps.billing.dueFollowups(deps.clock.now(), limit);
  let delivered = 0;
  for (const followup of due) {
    try {
      await send(deps.memberships, followup);
      await deps.billing.followupDelivered(followup.followupId, deps.clock.now());
      delivered += 1;
    } catch (error) {
      const waitMs = Math.min(2 ** followup.attempts, 60) * MINUTE_MS;
      const reason = (error as Error).name;
      deps.logger.warn("membership follow-up not delivered; retried later", {
        kind: followup.kind,
        subscriptionId: followup.subscriptionId,
        attempts: followup.attempts + 1,
        reason,
      });
      await deps.billing.followupFailed(
        followup.followupId,
        new Date(deps.clock.now().getTime() + waitMs),
        reason,
      );
    }
  }
  return delivered;
}

function send(memberships: Memberships, followup: DueFollowup): Promise<void> {
  switch (followup.kind) {
    case "FINALIZE_DOWNGRADE":
      return memberships.finalizeDowngrade(followup.userId);
    case "COMPLETE_CANCELLATION":
      return memberships.completeCancellation(followup.userId);
    case "END_FOR_PAYMENT_FAILURE":
      return memberships.endForPaymentFailure(followup.userId);
  }
}
