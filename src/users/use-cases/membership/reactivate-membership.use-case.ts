import { BusinessRuleError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { FloatService } from "../../ports/float-service.port.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import type { UnderwritingService } from "../../ports/underwriting-service.port.ts";
import { requireNoFloatBalance } from "./float-balance.policy.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { ChangeState } from "./membership-decision.engine.ts";
import type { MembershipChangeDeps } from "./membership-write.engine.ts";
import { archiveEndedPause } from "./pause-tag.steps.ts";

export interface ReactivateMembershipDeps extends MembershipChangeDeps {
  readonly floats: FloatService;
  readonly underwriting: UnderwritingService;
  readonly catalog: MembershipCatalog;
  readonly subscriptions: SubscriptionService;
}

/**
 * POST /{user_id}/membership/reactivate: REACTIVATE (operator, service) or MANUAL_REACTIVATION (the
 * user). Refused (409) while a float is outstanding; the Underwriting Service recalculates (ineligible:
 * 422); the Subscription Service starts a new subscription on the membership's tier and term at the
 * catalogue's current version and price; SUB_ACTIVE with `membership_reactivation_date`, user ACTIVE.
 * A race loser ends the subscription it started (`cancel` now).
 */
export async function reactivateMembership(
  deps: ReactivateMembershipDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, {
    operation: "reactivate",
    onConflict: "redecide",
    guard: async () => {
      await requireNoFloatBalance(deps, userId, "reactivate");
      const decision = await deps.underwriting.recalculate(userId);
      if (!decision.eligible) {
        throw new BusinessRuleError("cannot reactivate: the Underwriting Service found the user ineligible");
      }
    },
    external: (state) => restartSubscription(deps, userId, state),
    write: { tag: archiveEndedPause },
    compensate: async ({ state: { idempotencyKey } }) => {
      await deps.subscriptions.cancel(userId, {
        effective: "now",
        reason: "reactivation lost to a concurrent change",
        idempotencyKey: `${idempotencyKey}:undo`,
      });
      return undefined;
    },
  });
  return result.membership;
}

/** A new subscription on the membership's tier and term, at the catalogue's current version and price. */
async function restartSubscription(
  deps: ReactivateMembershipDeps,
  userId: string,
  { membership, idempotencyKey }: ChangeState,
) {
  const tier = membership?.membership_tier ?? "";
  const term = membership?.membership_term ?? "MONTHLY";
  const offer = await deps.catalog.tier(tier);
  const price = offer?.terms[term];
  if (!offer || !price) {
    throw new BusinessRuleError(`cannot reactivate: the catalogue no longer offers ${tier} ${term}`);
  }
  const sub = await deps.subscriptions.reactivate(userId, {
    tier,
    tierVersion: offer.version,
    term,
    priceCents: price.price_cents,
    currency: price.currency,
    idempotencyKey,
  });
  const record = {
    membership_tier_version: offer.version,
    membership_subscription_id: sub.subscriptionId,
    membership_reactivation_date: deps.clock.now().toISOString(),
  };
  return { record };
}
