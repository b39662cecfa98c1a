import { DependencyError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { PaymentService } from "../../ports/payment-service.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { refundIfFails } from "./charge.steps.ts";
import { changeMembership, type MembershipChange } from "./membership-change.engine.ts";
import type { ChangeState } from "./membership-decision.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { pauseStatusTag } from "./pause-tag.steps.ts";

export interface UnpauseMembershipDeps extends MembershipChangeDeps {
  readonly subscriptions: SubscriptionService;
  readonly payments: PaymentService;
}

/**
 * POST /{user_id}/membership/unpause. Without a charge: the Subscription Service withdraws the pause
 * (`resume`: billing goes on at the next cycle) and the membership is SUB_PENDING_RESUME (UNPAUSE) until
 * the worker records the resumption. With a charge: the current period's price is charged now, then
 * `resume`; SUB_RESUMED (UNPAUSE_CHARGE) with the confirmation id. If `resume` fails after the charge,
 * the charge is refunded and the answer (502) says so. The pause tag changes in the record's transaction.
 */
export async function unpauseMembership(
  deps: UnpauseMembershipDeps,
  principal: Principal | undefined,
  userId: string,
  charge: boolean,
): Promise<Membership | undefined> {
  const change = charge ? withCharge(deps, userId) : withoutCharge(deps, userId);
  return (await changeMembership(deps, principal, userId, change)).membership;
}

const unpausedAt = (deps: UnpauseMembershipDeps) => () => ({
  membership_unpause_date: deps.clock.now().toISOString(),
});

function withoutCharge(deps: UnpauseMembershipDeps, userId: string): MembershipChange {
  return {
    operation: "unpause",
    onConflict: "redecide",
    external: async ({ idempotencyKey }) => {
      const sub = await deps.subscriptions.resume(userId, { idempotencyKey });
      return { record: { membership_subscription_id: sub.subscriptionId } };
    },
    write: { membership: unpausedAt(deps), tag: pauseStatusTag("SUB_PENDING_RESUME") },
  };
}

function withCharge(deps: UnpauseMembershipDeps, userId: string): MembershipChange {
  return {
    operation: "unpauseWithCharge",
    onConflict: "redecide",
    external: (state) => chargeAndResume(deps, userId, state),
    write: { membership: unpausedAt(deps), tag: pauseStatusTag("SUB_RESUMED") },
    compensate: async ({ state: { idempotencyKey }, facts }) => {
      const paid = facts.record?.membership_confirmation_id;
      if (paid) await deps.payments.refund(paid, { idempotencyKey: `${idempotencyKey}:refund` });
      return undefined;
    },
  };
}

/**
 * The period's price, then `resume`; a failed resume refunds the charge. A plain `charge`, unlike upgrade
 * and pay now (`chargeHeld`): a repeat after that refund answers the refunded charge, and records it.
 */
async function chargeAndResume(deps: UnpauseMembershipDeps, userId: string, { idempotencyKey }: ChangeState) {
  const period = await deps.subscriptions.currentPeriod(userId);
  const paid = await deps.payments.charge(userId, {
    amountCents: period.priceCents,
    currency: period.currency,
    description: `Membership resumed (${period.tier})`,
    idempotencyKey: `${idempotencyKey}:charge`,
  });
  const sub = await refundIfFails(
    deps.payments,
    { charge: paid, refundKey: `${idempotencyKey}:refund` },
    () => deps.subscriptions.resume(userId, { idempotencyKey }),
    (refunded) =>
      new DependencyError(
        refunded
          ? `the Subscription Service could not resume the membership; the charge ${paid.confirmationId} was refunded and nothing changed`
          : `the Subscription Service could not resume the membership and the refund of charge ${paid.confirmationId} failed; repeat this request to finish it`,
      ),
  );
  return {
    record: {
      membership_confirmation_id: paid.confirmationId,
      membership_subscription_id: sub.subscriptionId,
    },
  };
}
