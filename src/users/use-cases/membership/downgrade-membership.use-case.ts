import { BusinessRuleError, ConflictError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership } from "../../domain/membership.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { SubscriptionService } from "../../ports/subscription-service.port.ts";
import { withdrawDowngrade } from "./downgrade.steps.ts";
import { currentOffer, rankOf } from "./membership-catalogue.query.ts";
import { changeMembership } from "./membership-change.engine.ts";
import type { LostRace } from "./membership-compensation.engine.ts";
import { type ChangeState, held } from "./membership-decision.engine.ts";
import type { Facts, MembershipChangeDeps } from "./membership-write.engine.ts";

export interface DowngradeMembershipDeps extends MembershipChangeDeps {
  readonly catalog: MembershipCatalog;
  readonly subscriptions: SubscriptionService;
}

/** What a downgrade asked of the Subscription Service, so a lost race can withdraw it. */
interface Downgraded extends Facts {
  readonly previous: Membership;
  readonly key: string;
}

/**
 * POST /{user_id}/membership/downgrade: the Subscription Service moves renewals to the lower tier at the
 * end of the current period; the record keeps the tier and says what is pending and when. Losing the
 * write to another change withdraws the downgrade again (409). Not re-applied: the key names the record.
 */
export async function downgradeMembership(
  deps: DowngradeMembershipDeps,
  principal: Principal | undefined,
  userId: string,
  tier: string,
): Promise<Membership> {
  const { membership } = await changeMembership<Downgraded>(deps, principal, userId, {
    operation: "downgrade",
    onConflict: "lose",
    external: (state) => downgradeOutside(deps, state, tier),
    compensate: (lost) => withdrawLostDowngrade(deps, lost, tier),
  });
  return held(membership);
}

async function downgradeOutside(
  deps: DowngradeMembershipDeps,
  state: ChangeState,
  tier: string,
): Promise<Downgraded> {
  const userId = state.user.user_id;
  const previous = held(state.membership);
  const target = await currentOffer(deps.catalog, tier, previous.membership_term);
  if (target.rank >= (await rankOf(deps.catalog, previous))) {
    throw new BusinessRuleError(
      `membership_tier ${tier} does not rank below ${previous.membership_tier}; a downgrade must`,
    );
  }
  const period = await deps.subscriptions.currentPeriod(userId);
  // `downgrade:<user>:<current record's start>:<tier>`
  const key = `${state.idempotencyKey}:${tier}`;
  await deps.subscriptions.downgrade(userId, {
    tier,
    tierVersion: target.version,
    priceCents: target.priceCents,
    effective: period.end,
    idempotencyKey: key,
  });
  const record = {
    membership_is_pending_downgrade: true,
    membership_pending_tier: tier,
    membership_downgrade_date: period.end,
  };
  return { record, previous, key };
}

/** Another change was written first: unless it was this very downgrade, withdraw it and say so. */
async function withdrawLostDowngrade(
  deps: DowngradeMembershipDeps,
  { facts, winner }: LostRace<Downgraded>,
  tier: string,
): Promise<Error> {
  if (winner?.membership_event_type === "MEMBERSHIP_DOWNGRADE" && winner.membership_pending_tier === tier) {
    return new ConflictError(`the same downgrade to ${tier} was recorded meanwhile`);
  }
  await withdrawDowngrade(deps, facts.previous, `undo:${facts.key}`);
  return new ConflictError(
    "another change to the membership was recorded first; the downgrade was withdrawn",
  );
}
