import { ConflictError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { type Membership, nextMembership } from "../../domain/membership.ts";
import type { Charge } from "../../ports/payment-service.port.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.policy.ts";
import { allow, commit, dollars, held } from "./billing-change.ts";
import { chargeHeld } from "./charge-held.ts";
import type { LifecycleDeps } from "./lifecycle.ts";

/**
 * POST /{user_id}/membership/paynow: collects the current period's fee through the Payment Service with
 * one key per period (`paynow:<user>:<period start>`), so a repeat, a retry after a timeout or a re-applied
 * conflict charges once; a repeat whose charge is already recorded answers the current record. If the
 * table refuses the re-applied change (another change came first), the charge is refunded (409 says so).
 */
export async function payNow(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership> {
  let charge = undefined as Charge | undefined;
  try {
    return await retryOnConflict(async () => {
      const allowed = await allow(deps, principal, userId, "payNow");
      const previous = held(allowed);
      const period = await deps.subscriptions.currentPeriod(userId);
      charge = await chargeHeld(deps.payments, userId, {
        amountCents: period.priceCents,
        currency: period.currency,
        description: `Membership ${period.tier} ${period.term.toLowerCase()} from ${period.start.slice(0, 10)}`,
        idempotencyKey: `paynow:${userId}:${period.start}`,
      });
      if (await recorded(deps, userId, charge.confirmationId)) {
        charge = undefined;
        return previous;
      }
      const next = nextMembership(
        previous,
        {
          membership_event_type: "PAYNOW",
          membership_event_source: allowed.source,
          membership_status: allowed.membershipStatus,
          membership_confirmation_id: charge.confirmationId,
        },
        deps.clock.now(),
      );
      return commit(deps, previous, next);
    });
  } catch (error) {
    if (!charge || !(error instanceof ConflictError)) throw error;
    await deps.payments.refund(charge.confirmationId, { idempotencyKey: `refund:${charge.confirmationId}` });
    throw new ConflictError(`${error.message}; the fee of ${dollars(charge.amountCents)} was refunded`);
  }
}

/** Whether a recent record already holds this charge (the period's fee was paid and recorded). */
async function recorded(deps: LifecycleDeps, userId: string, confirmationId: string): Promise<boolean> {
  const { items } = await deps.memberships.timeline(userId, { limit: RECENT_RECORDS });
  return items.some(
    (m) => m.membership_event_type === "PAYNOW" && m.membership_confirmation_id === confirmationId,
  );
}

/** A period holds few changes; looking further back would only find older periods' keys. */
const RECENT_RECORDS = 25;
