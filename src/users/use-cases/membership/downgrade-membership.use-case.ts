import { BusinessRuleError, ConflictError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { type Membership, nextMembership } from "../../domain/membership.ts";
import { ConcurrentUpdateError } from "../../domain/user.errors.ts";
import { retryOnConflict } from "../profile/retry-on-conflict.policy.ts";
import {
  allow,
  commit,
  currentOffer,
  held,
  rankOf,
  withoutConfirmation,
  withoutPendingDowngrade,
} from "./billing-change.ts";
import type { LifecycleDeps } from "./lifecycle.ts";

/**
 * POST /{user_id}/membership/downgrade: the Subscription Service moves renewals to the lower tier at the
 * end of the current period; the record keeps the tier and says what is pending and when. Losing the
 * write to another change withdraws the downgrade again (409). Not retried: the key names the record.
 */
export async function downgradeMembership(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  tier: string,
): Promise<Membership> {
  const allowed = await allow(deps, principal, userId, "downgrade");
  const previous = held(allowed);
  const target = await currentOffer(deps.catalog, tier, previous.membership_term);
  if (target.rank >= (await rankOf(deps.catalog, previous))) {
    throw new BusinessRuleError(
      `membership_tier ${tier} does not rank below ${previous.membership_tier}; a downgrade must`,
    );
  }
  const period = await deps.subscriptions.currentPeriod(userId);
  const key = `downgrade:${userId}:${previous.membership_start_date}:${tier}`;
  await deps.subscriptions.downgrade(userId, {
    tier,
    tierVersion: target.version,
    priceCents: target.priceCents,
    effective: period.end,
    idempotencyKey: key,
  });
  const next = nextMembership(
    withoutConfirmation(previous),
    {
      membership_event_type: "MEMBERSHIP_DOWNGRADE",
      membership_event_source: allowed.source,
      membership_status: allowed.membershipStatus,
      membership_is_pending_downgrade: true,
      membership_pending_tier: tier,
      membership_downgrade_date: period.end,
    },
    deps.clock.now(),
  );
  try {
    return await commit(deps, previous, next);
  } catch (error) {
    if (!(error instanceof ConcurrentUpdateError)) throw error;
    const winner = await deps.memberships.current(userId);
    if (winner?.membership_event_type === "MEMBERSHIP_DOWNGRADE" && winner.membership_pending_tier === tier) {
      throw new ConflictError(`the same downgrade to ${tier} was recorded meanwhile`);
    }
    await withdrawDowngrade(deps, previous, `undo:${key}`);
    throw new ConflictError(
      "another change to the membership was recorded first; the downgrade was withdrawn",
    );
  }
}

/**
 * POST /{user_id}/membership/downgrade/finalize (services, operators; at the billing cycle): the
 * pending tier becomes the membership's, at the version the Subscription Service now bills. Refused
 * (409) while it still bills the old tier. No external change, so a conflict is simply re-applied.
 */
export function finalizeDowngrade(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership> {
  return retryOnConflict(async () => {
    const allowed = await allow(deps, principal, userId, "finalizeDowngrade");
    const previous = held(allowed);
    const pending = previous.membership_pending_tier ?? previous.membership_tier;
    const period = await deps.subscriptions.currentPeriod(userId);
    if (period.tier !== pending) {
      throw new ConflictError(
        `the downgrade to ${pending} takes effect at the billing cycle of ${previous.membership_downgrade_date}; the Subscription Service still bills ${period.tier}`,
      );
    }
    const next = nextMembership(
      withoutPendingDowngrade(withoutConfirmation(previous)),
      {
        membership_event_type: "MEMBERSHIP_DOWNGRADE_FINALIZED",
        membership_event_source: allowed.source,
        membership_status: allowed.membershipStatus,
        membership_tier: pending,
        membership_tier_version: period.tierVersion,
      },
      deps.clock.now(),
    );
    return commit(deps, previous, next);
  });
}

/**
 * Retracting a pending downgrade: the Subscription Service has no "withdraw", so its `upgrade` to the
 * tier the membership holds (which withdraws a pending downgrade and changes nothing else) stands in.
 * Re-applying it is harmless, so a conflict is re-applied to the newer record (or refused by the table).
 */
export function retractDowngrade(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<Membership> {
  return retryOnConflict(async () => {
    const allowed = await allow(deps, principal, userId, "retractDowngrade");
    const previous = held(allowed);
    await withdrawDowngrade(deps, previous, `retract:${userId}:${previous.membership_start_date}`);
    const next = nextMembership(
      withoutPendingDowngrade(withoutConfirmation(previous)),
      {
        membership_event_type: "MEMBERSHIP_RETRACT",
        membership_event_source: allowed.source,
        membership_status: allowed.membershipStatus,
      },
      deps.clock.now(),
    );
    return commit(deps, previous, next);
  });
}

async function withdrawDowngrade(deps: LifecycleDeps, held: Membership, idempotencyKey: string) {
  const userId = held.membership_user_id;
  const period = await deps.subscriptions.currentPeriod(userId);
  await deps.subscriptions.upgrade(userId, {
    tier: held.membership_tier,
    tierVersion: held.membership_tier_version,
    priceCents: period.priceCents,
    idempotencyKey,
  });
}
