import { BusinessRuleError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { LifecycleDeps } from "./lifecycle.ts";
import { changeMembership, requireNoFloatBalance } from "./status-change.ts";

/**
 * POST /{user_id}/membership/reactivate: REACTIVATE (operator, service) or MANUAL_REACTIVATION (the
 * user). Refused (409) while a float is outstanding; the Underwriting Service recalculates (ineligible:
 * 422); the Subscription Service starts a new subscription on the membership's tier and term at the
 * catalogue's current version and price; SUB_ACTIVE with `membership_reactivation_date`, user ACTIVE.
 * A race loser ends the subscription it started (`cancel` now).
 */
export async function reactivateMembership(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership | undefined> {
  const result = await changeMembership(deps, principal, userId, "reactivate", {
    guard: async () => {
      await requireNoFloatBalance(deps, userId, "reactivate");
      const decision = await deps.underwriting.recalculate(userId);
      if (!decision.eligible) {
        throw new BusinessRuleError("cannot reactivate: the Underwriting Service found the user ineligible");
      }
    },
    external: async ({ membership, idempotencyKey }) => {
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
      return {
        membership_tier_version: offer.version,
        membership_subscription_id: sub.subscriptionId,
        membership_reactivation_date: deps.clock.now().toISOString(),
      };
    },
    compensate: ({ idempotencyKey }) =>
      deps.subscriptions
        .cancel(userId, {
          effective: "now",
          reason: "reactivation lost to a concurrent change",
          idempotencyKey: `${idempotencyKey}:undo`,
        })
        .then(() => undefined),
  });
  return result.membership;
}
