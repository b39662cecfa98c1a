import { BusinessRuleError, ConflictError, DependencyError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { Charge, PaymentService } from "../../ports/payment-service.port.ts";
import type { BillingPeriod, SubscriptionService } from "../../ports/subscription-service.port.ts";
import { chargeHeld, dollars, refundIfFails, tryRefund } from "./charge.steps.ts";
import { currentOffer, type Offer, rankOf } from "./membership-catalogue.query.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { LostRace } from "./membership-compensation.engine.ts";
import { type ChangeState, held } from "./membership-decision.engine.ts";
import type { Facts, MembershipChangeDeps } from "./membership-write.engine.ts";
import { upgradeFee } from "./upgrade-fee.policy.ts";

export interface UpgradeMembershipDeps extends MembershipChangeDeps {
  readonly catalog: MembershipCatalog;
  readonly subscriptions: SubscriptionService;
  readonly payments: PaymentService;
}

/** What an upgrade did outside Roster, so a lost race can undo it. */
interface Upgraded extends Facts {
  readonly record: Partial<Membership>;
  readonly previous: Membership;
  readonly period: BillingPeriod;
  readonly key: string;
  readonly charge: Charge | undefined;
}

/**
 * POST /{user_id}/membership/upgrade: the prorated fee is charged first (not for employees, nor when it
 * rounds to nothing), then the Subscription Service moves renewals to the tier, then the record is
 * written. Every external call carries a key derived from the operation (user, current record, tier), so
 * a request retried after a timeout charges once. A failure after the charge refunds it (502); losing the
 * write to another change undoes both calls (409). Not re-applied on a conflict: the key names the record.
 */
export async function upgradeMembership(
  deps: UpgradeMembershipDeps,
  principal: Principal | undefined,
  userId: string,
  tier: string,
): Promise<Membership> {
  const { membership } = await changeMembership(deps, principal, userId, {
    operation: "upgrade",
    onConflict: "lose",
    external: (state) => upgradeOutside(deps, state, tier),
    compensate: (lost) => undoLostUpgrade(deps, lost, tier),
  });
  return held(membership);
}

async function upgradeOutside(
  deps: UpgradeMembershipDeps,
  state: ChangeState,
  tier: string,
): Promise<Upgraded> {
  const previous = held(state.membership);
  const target = await currentOffer(deps.catalog, tier, previous.membership_term);
  if (target.rank <= (await rankOf(deps.catalog, previous))) {
    throw new BusinessRuleError(
      `membership_tier ${tier} does not rank above ${previous.membership_tier}; an upgrade must`,
    );
  }
  // `upgrade:<user>:<current record's start>:<tier>`
  const key = `${state.idempotencyKey}:${tier}`;
  const period = await deps.subscriptions.currentPeriod(state.user.user_id);
  const charge = await chargeAndMoveRenewals(deps, state, { target, period, key });
  const record = {
    membership_tier: tier,
    membership_tier_version: target.version,
    ...(charge ? { membership_confirmation_id: charge.confirmationId } : {}),
  };
  return { record, previous, period, key, charge };
}

/** The prorated fee (none for employees or when it rounds to nothing), then the renewals move to the tier. */
async function chargeAndMoveRenewals(
  deps: UpgradeMembershipDeps,
  { user }: ChangeState,
  { target, period, key }: { target: Offer; period: BillingPeriod; key: string },
): Promise<Charge | undefined> {
  const { tier } = target;
  const fee = upgradeFee(user, period, target.priceCents, deps.clock.now());
  const charge =
    fee > 0
      ? await chargeHeld(deps.payments, user.user_id, {
          amountCents: fee,
          currency: target.currency,
          description: `Upgrade to ${tier} (prorated)`,
          idempotencyKey: key,
        })
      : undefined;
  const renewals = { tier, tierVersion: target.version, priceCents: target.priceCents, idempotencyKey: key };
  await refundIfFails(
    deps.payments,
    { charge, refundKey: `refund:${key}` },
    () => deps.subscriptions.upgrade(user.user_id, renewals),
    (refunded) => {
      const paid = dollars(charge?.amountCents ?? 0);
      return new DependencyError(
        refunded
          ? `the Subscription Service could not move the membership to ${tier}; the charge of ${paid} was refunded and nothing changed`
          : `the Subscription Service could not move the membership to ${tier}, and refunding the charge of ${paid} failed; repeat the request: it will not charge again`,
      );
    },
  );
  return charge;
}

/** Another change was written first: unless it was this very upgrade, undo the calls and say so. */
async function undoLostUpgrade(
  deps: UpgradeMembershipDeps,
  { facts, winner }: LostRace<Upgraded>,
  tier: string,
): Promise<Error> {
  const same =
    winner?.membership_event_type === "MEMBERSHIP_UPGRADE" &&
    winner.membership_tier === tier &&
    winner.membership_confirmation_id === facts.charge?.confirmationId;
  if (same)
    return new ConflictError(`the same upgrade to ${tier} was recorded meanwhile; it was charged once`);
  await deps.subscriptions.upgrade(facts.previous.membership_user_id, {
    tier: facts.previous.membership_tier,
    tierVersion: facts.previous.membership_tier_version,
    priceCents: facts.period.priceCents,
    idempotencyKey: `undo:${facts.key}`,
  });
  const refunded = facts.charge ? await tryRefund(deps.payments, facts.charge, `refund:${facts.key}`) : true;
  return new ConflictError(
    `another change to the membership was recorded first; the upgrade to ${tier} was undone${
      facts.charge ? (refunded ? " and its charge refunded" : " but refunding its charge failed") : ""
    }`,
  );
}
