import { BusinessRuleError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership, MembershipTerm } from "../../domain/membership.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { PaymentService } from "../../ports/payment-service.port.ts";
import type { Subscription, SubscriptionService } from "../../ports/subscription-service.port.ts";
import type { TransactionsService } from "../../ports/transactions-service.port.ts";
import { currentOffer } from "./membership-catalogue.query.ts";
import { changeMembership } from "./membership-change.engine.ts";
import { held } from "./membership-decision.engine.ts";
import type { DecidedFields, Facts, MembershipChangeDeps } from "./membership-write.engine.ts";

export const DEFAULT_TIER = "plus";
export const DEFAULT_TERM: MembershipTerm = "MONTHLY";

export interface ActivationRequest {
  readonly membership_tier?: string | undefined;
  readonly membership_term?: MembershipTerm | undefined;
}

export interface ActivateMembershipDeps extends MembershipChangeDeps {
  readonly transactions: TransactionsService;
  readonly payments: PaymentService;
  readonly catalog: MembershipCatalog;
  readonly subscriptions: SubscriptionService;
}

/** What the activation answered: the record is written from it. */
interface Activated extends Facts {
  readonly subscription: Subscription;
}

/**
 * POST /{user_id}/user/activate: PROCESSING -> ACTIVE. Prerequisites in order (a Plaid item, an active
 * debit card, the tier in the catalogue), then the Subscription Service activates with a key that is the
 * same for every attempt (`activate:<user>`), so a retry after a failed write finds the subscription the
 * first attempt made, and the record is written from what it answers. Then the first membership record
 * and the user's ACTIVE version, in one transaction (src/users/README.md, "The membership lifecycle"). A racing
 * activation that lost answers the write's 409: its activation was the winner's (the same key).
 */
export async function activateMembership(
  deps: ActivateMembershipDeps,
  principal: Principal | undefined,
  userId: string,
  request: ActivationRequest,
): Promise<Membership> {
  const tier = request.membership_tier ?? DEFAULT_TIER;
  const term = request.membership_term ?? DEFAULT_TERM;
  const { membership } = await changeMembership<Activated>(deps, principal, userId, {
    operation: "activate",
    onConflict: "lose",
    guard: async () => {
      if ((await deps.transactions.listPlaidItems(userId)).length === 0) {
        throw new BusinessRuleError("cannot activate: the user has no linked bank account (Plaid item)");
      }
      if (!(await deps.payments.activeDebitCard(userId))) {
        throw new BusinessRuleError("cannot activate: the user has no active debit card");
      }
    },
    external: async () => {
      const offer = await currentOffer(deps.catalog, tier, term);
      const subscription = await deps.subscriptions.activate(userId, {
        tier,
        tierVersion: offer.version,
        term,
        priceCents: offer.priceCents,
        currency: offer.currency,
        idempotencyKey: `activate:${userId}`,
      });
      return { subscription };
    },
    write: {
      first: ({ subscription }, decided) => firstRecord(userId, subscription, decided),
      userEventType: "USER_ACTIVE",
    },
  });
  return held(membership);
}

/** The first record, as the Subscription Service answered (tier, version and term it bills). */
function firstRecord(userId: string, subscription: Subscription, decided: DecidedFields): Membership {
  return {
    membership_user_id: userId,
    membership_tier: subscription.period.tier,
    membership_tier_version: subscription.period.tierVersion,
    membership_term: subscription.period.term,
    membership_status: decided.membership_status,
    membership_event_source: decided.membership_event_source,
    membership_event_type: decided.membership_event_type,
    membership_subscription_id: subscription.subscriptionId,
    membership_is_pending_downgrade: false,
    membership_start_date: decided.membership_start_date,
  };
}
