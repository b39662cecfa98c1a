import { DependencyError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { Charge } from "../../ports/payment-service.port.ts";
import type { LifecycleDeps } from "./lifecycle.ts";
import { pauseStatusTag } from "./pause-tag.ts";
import { type ChangeState, changeMembership } from "./status-change.ts";

/**
 * POST /{user_id}/membership/unpause. Without a charge: the Subscription Service withdraws the pause
 * (`resume`: billing goes on at the next cycle) and the membership is SUB_PENDING_RESUME (UNPAUSE) until
 * the worker records the resumption. With a charge: the current period's price is charged now, then
 * `resume`; SUB_RESUMED (UNPAUSE_CHARGE) with the confirmation id. If `resume` fails after the charge,
 * the charge is refunded and the answer (502) says so. The pause tag changes in the record's transaction.
 */
export async function unpauseMembership(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  charge: boolean,
): Promise<Membership | undefined> {
  const unpaused = () => ({ membership_unpause_date: deps.clock.now().toISOString() });
  const result = charge
    ? await changeMembership(deps, principal, userId, "unpauseWithCharge", {
        membership: unpaused,
        tag: pauseStatusTag("SUB_RESUMED"),
        external: (state) => chargeAndResume(deps, userId, state),
        compensate: async ({ idempotencyKey }, { membership_confirmation_id: paid }) => {
          if (paid) await deps.payments.refund(paid, { idempotencyKey: `${idempotencyKey}:refund` });
        },
      })
    : await changeMembership(deps, principal, userId, "unpause", {
        membership: unpaused,
        tag: pauseStatusTag("SUB_PENDING_RESUME"),
        external: async ({ idempotencyKey }) => {
          const sub = await deps.subscriptions.resume(userId, { idempotencyKey });
          return { membership_subscription_id: sub.subscriptionId };
        },
      });
  return result.membership;
}

async function chargeAndResume(
  deps: LifecycleDeps,
  userId: string,
  { idempotencyKey }: ChangeState,
): Promise<Partial<Membership>> {
  const period = await deps.subscriptions.currentPeriod(userId);
  const paid = await deps.payments.charge(userId, {
    amountCents: period.priceCents,
    currency: period.currency,
    description: `Membership resumed (${period.tier})`,
    idempotencyKey: `${idempotencyKey}:charge`,
  });
  try {
    const sub = await deps.subscriptions.resume(userId, { idempotencyKey });
    return {
      membership_confirmation_id: paid.confirmationId,
      membership_subscription_id: sub.subscriptionId,
    };
  } catch {
    throw await refundAfterFailure(deps, paid, idempotencyKey);
  }
}

async function refundAfterFailure(deps: LifecycleDeps, paid: Charge, key: string): Promise<Error> {
  try {
    await deps.payments.refund(paid.confirmationId, { idempotencyKey: `${key}:refund` });
    return new DependencyError(
      `the Subscription Service could not resume the membership; the charge ${paid.confirmationId} was refunded and nothing changed`,
    );
  } catch {
    return new DependencyError(
      `the Subscription Service could not resume the membership and the refund of charge ${paid.confirmationId} failed; repeat this request to finish it`,
    );
  }
}
