import { ConflictError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { MembershipRepository } from "../../ports/membership.repository.ts";
import type { Charge, PaymentService } from "../../ports/payment-service.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { chargeHeld, dollars } from "./charge.steps.ts";
import { changeMembership } from "./membership-change.engine.ts";
import { held } from "./membership-decision.engine.ts";
import type { Facts, MembershipChangeDeps } from "./membership-write.engine.ts";

export interface PayNowDeps extends MembershipChangeDeps {
  readonly subscriptions: SubscriptionService;
  readonly payments: PaymentService;
}

interface Paid extends Facts {
  readonly charge: Charge;
}

/**
 * POST /{user_id}/membership/paynow: collects the current period's fee through the Payment Service with
 * one key per period (`paynow:<user>:<period start>`), so a repeat, a retry after a timeout or a re-applied
 * conflict charges once; a repeat whose charge is already recorded answers the current record. If the
 * table refuses the re-applied change (another change came first), the charge is refunded (409 says so).
 */
export async function payNow(
  deps: PayNowDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership> {
  const { membership } = await changeMembership<Paid>(deps, principal, userId, {
    operation: "payNow",
    onConflict: "retry",
    external: async () => {
      const period = await deps.subscriptions.currentPeriod(userId);
      const charge = await chargeHeld(deps.payments, userId, {
        amountCents: period.priceCents,
        currency: period.currency,
        description: `Membership ${period.tier} ${period.term.toLowerCase()} from ${period.start.slice(0, 10)}`,
        idempotencyKey: `paynow:${userId}:${period.start}`,
      });
      return { record: { membership_confirmation_id: charge.confirmationId }, charge };
    },
    recorded: (_state, { charge }) => recorded(deps.memberships, userId, charge.confirmationId),
    compensate: async ({ facts: { charge }, refusal }) => {
      await deps.payments.refund(charge.confirmationId, {
        idempotencyKey: `refund:${charge.confirmationId}`,
      });
      return new ConflictError(`${refusal.message}; the fee of ${dollars(charge.amountCents)} was refunded`);
    },
  });
  return held(membership);
}

/** Whether a recent record already holds this charge (the period's fee was paid and recorded). */
async function recorded(
  memberships: MembershipRepository,
  userId: string,
  confirmationId: string,
): Promise<boolean> {
  const { items } = await memberships.timeline(userId, { limit: RECENT_RECORDS });
  return items.some(
    (m) => m.membership_event_type === "PAYNOW" && m.membership_confirmation_id === confirmationId,
  );
}

/** A period holds few changes; looking further back would only find older periods' keys. */
const RECENT_RECORDS = 25;
