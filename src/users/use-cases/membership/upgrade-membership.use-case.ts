import { BusinessRuleError, ConflictError, DependencyError } from "../../../platform/errors/app.errors.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { type Membership, nextMembership } from "../../domain/membership.ts";
import { proratedUpgradeFee } from "../../domain/proration.ts";
import { ConcurrentUpdateError } from "../../domain/user.errors.ts";
import type { Charge } from "../../ports/payment-service.port.ts";
import type { BillingPeriod } from "../../ports/subscription-service.port.ts";
import {
  allow,
  commit,
  currentOffer,
  dollars,
  held,
  isEmployee,
  type Offer,
  rankOf,
  withoutConfirmation,
} from "./billing-change.ts";
import { chargeHeld } from "./charge-held.ts";
import type { LifecycleDeps } from "./lifecycle.ts";

/** What an upgrade did outside Roster, so a later failure can undo it. */
interface Moved {
  readonly userId: string;
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
 * write to another change undoes both calls (409). Not retried on conflict: the key names the record.
 */
export async function upgradeMembership(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  tier: string,
): Promise<Membership> {
  const allowed = await allow(deps, principal, userId, "upgrade");
  const previous = held(allowed);
  const target = await currentOffer(deps.catalog, tier, previous.membership_term);
  if (target.rank <= (await rankOf(deps.catalog, previous))) {
    throw new BusinessRuleError(
      `membership_tier ${tier} does not rank above ${previous.membership_tier}; an upgrade must`,
    );
  }
  const key = `upgrade:${userId}:${previous.membership_start_date}:${tier}`;
  const period = await deps.subscriptions.currentPeriod(userId);
  const now = deps.clock.now();
  const fee = isEmployee(allowed.user)
    ? 0
    : proratedUpgradeFee({
        period: { start: new Date(period.start), end: new Date(period.end) },
        currentPriceCents: period.priceCents,
        newPriceCents: target.priceCents,
        on: now,
      });
  const charge =
    fee > 0
      ? await chargeHeld(deps.payments, userId, {
          amountCents: fee,
          currency: target.currency,
          description: `Upgrade to ${tier} (prorated)`,
          idempotencyKey: key,
        })
      : undefined;
  const moved: Moved = { userId, previous, period, key, charge };
  await moveRenewals(deps, moved, target);
  const next = nextMembership(
    withoutConfirmation(previous),
    {
      membership_event_type: "MEMBERSHIP_UPGRADE",
      membership_event_source: allowed.source,
      membership_status: allowed.membershipStatus,
      membership_tier: tier,
      membership_tier_version: target.version,
      ...(charge ? { membership_confirmation_id: charge.confirmationId } : {}),
    },
    now,
  );
  try {
    return await commit(deps, previous, next);
  } catch (error) {
    if (error instanceof ConcurrentUpdateError) await undoLostUpgrade(deps, moved, tier);
    throw error;
  }
}

async function moveRenewals(deps: LifecycleDeps, moved: Moved, target: Offer): Promise<void> {
  try {
    await deps.subscriptions.upgrade(moved.userId, {
      tier: target.tier,
      tierVersion: target.version,
      priceCents: target.priceCents,
      idempotencyKey: moved.key,
    });
  } catch (error) {
    if (!moved.charge) throw error;
    const refunded = await refund(deps, moved);
    throw new DependencyError(
      refunded
        ? `the Subscription Service could not move the membership to ${target.tier}; the charge of ${dollars(moved.charge.amountCents)} was refunded and nothing changed`
        : `the Subscription Service could not move the membership to ${target.tier}, and refunding the charge of ${dollars(moved.charge.amountCents)} failed; repeat the request: it will not charge again`,
    );
  }
}

/** Another change was written first: unless it was this very upgrade, undo the calls and say so. */
async function undoLostUpgrade(deps: LifecycleDeps, moved: Moved, tier: string): Promise<never> {
  const winner = await deps.memberships.current(moved.userId);
  const same =
    winner?.membership_event_type === "MEMBERSHIP_UPGRADE" &&
    winner.membership_tier === tier &&
    winner.membership_confirmation_id === moved.charge?.confirmationId;
  if (same)
    throw new ConflictError(`the same upgrade to ${tier} was recorded meanwhile; it was charged once`);
  await deps.subscriptions.upgrade(moved.userId, {
    tier: moved.previous.membership_tier,
    tierVersion: moved.previous.membership_tier_version,
    priceCents: moved.period.priceCents,
    idempotencyKey: `undo:${moved.key}`,
  });
  const refunded = moved.charge ? await refund(deps, moved) : true;
  throw new ConflictError(
    `another change to the membership was recorded first; the upgrade to ${tier} was undone${
      moved.charge ? (refunded ? " and its charge refunded" : " but refunding its charge failed") : ""
    }`,
  );
}

/** Refunds the upgrade's charge; false when the Payment Service could not (a repeat will not recharge). */
async function refund(deps: LifecycleDeps, moved: Moved): Promise<boolean> {
  if (!moved.charge) return true;
  try {
    await deps.payments.refund(moved.charge.confirmationId, { idempotencyKey: `refund:${moved.key}` });
    return true;
  } catch {
    return false;
  }
}
