import { BusinessRuleError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership, MembershipTerm } from "../../domain/membership.ts";
import { nextVersion } from "../../domain/user-version.ts";
import { allow, commit, currentOffer } from "./billing-change.ts";
import type { LifecycleDeps } from "./lifecycle.ts";

export const DEFAULT_TIER = "plus";
export const DEFAULT_TERM: MembershipTerm = "MONTHLY";

export interface ActivationRequest {
  readonly membership_tier?: string | undefined;
  readonly membership_term?: MembershipTerm | undefined;
}

/**
 * POST /{user_id}/user/activate: PROCESSING -> ACTIVE. Prerequisites in order (a Plaid item, an active
 * debit card, the tier in the catalogue), then the Subscription Service activates with a key that is the
 * same for every attempt (`activate:<user>`), so a retry after a failed write finds the subscription the
 * first attempt made, and the record is written from what it answers. Then the first membership record
 * and the user's ACTIVE version, in one transaction (ARCHITECTURE.md, "The membership lifecycle").
 */
export async function activateMembership(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  request: ActivationRequest,
): Promise<Membership> {
  const { source, user, membershipStatus } = await allow(deps, principal, userId, "activate");
  const tier = request.membership_tier ?? DEFAULT_TIER;
  const term = request.membership_term ?? DEFAULT_TERM;
  if ((await deps.transactions.listPlaidItems(userId)).length === 0) {
    throw new BusinessRuleError("cannot activate: the user has no linked bank account (Plaid item)");
  }
  if (!(await deps.payments.activeDebitCard(userId))) {
    throw new BusinessRuleError("cannot activate: the user has no active debit card");
  }
  const offer = await currentOffer(deps.catalog, tier, term);
  const subscription = await deps.subscriptions.activate(userId, {
    tier,
    tierVersion: offer.version,
    term,
    priceCents: offer.priceCents,
    currency: offer.currency,
    idempotencyKey: `activate:${userId}`,
  });
  const now = deps.clock.now();
  const record: Membership = {
    membership_user_id: userId,
    membership_tier: subscription.period.tier,
    membership_tier_version: subscription.period.tierVersion,
    membership_term: subscription.period.term,
    membership_status: membershipStatus,
    membership_event_source: source,
    membership_event_type: "ACTIVATE",
    membership_subscription_id: subscription.subscriptionId,
    membership_is_pending_downgrade: false,
    membership_start_date: now.toISOString(),
  };
  const next = nextVersion(user, { user_status: "ACTIVE" }, now);
  return commit(deps, undefined, record, { previous: user, next, eventType: "USER_ACTIVE" });
}
