import { BusinessRuleError, ConflictError, ForbiddenError } from "../../../platform/errors/app.errors.ts";
import { publishAfterCommit } from "../../../platform/events/publish-after-commit.ts";
import { requireSelfOr } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { Membership, MembershipStatus, MembershipTerm } from "../../domain/membership.ts";
import { decide, type MembershipOperation } from "../../domain/membership-lifecycle.ts";
import type { User } from "../../domain/user.ts";
import type { UserChange } from "../../ports/membership.repository.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import { loadUser } from "../profile/load-user.query.ts";
import type { LifecycleDeps } from "./lifecycle.ts";
import { membershipChanged, userStatusChanged } from "./membership.events.ts";

/**
 * The steps the billing operations (activate, upgrade, downgrade, pay now) share. They do not go through
 * `runLifecycle`: their external calls sit between the table's decision and the write, and whether a
 * conflict may be re-applied differs per operation (ARCHITECTURE.md, "The membership lifecycle").
 */

/** What the lifecycle table allowed: who asks (`membership_event_source`), the user and the record. */
export interface Allowed {
  readonly source: string;
  readonly user: User;
  readonly membership: Membership | undefined;
  readonly membershipStatus: MembershipStatus;
}

/**
 * Authorizes, loads and asks the lifecycle table, before any external call: 403 for a caller the table
 * does not list, 409 naming the current state, 404 for an unknown user.
 */
export async function allow(
  deps: LifecycleDeps,
  principal: Principal | undefined,
  userId: string,
  operation: MembershipOperation,
): Promise<Allowed> {
  const caller = requireSelfOr(principal, userId);
  const user = await loadUser(deps.users, userId);
  const membership = await deps.memberships.current(userId);
  const decision = decide(operation, caller.kind, { userStatus: user.user_status, membership });
  if (!decision.ok) {
    throw decision.forbidden ? new ForbiddenError(decision.reason) : new ConflictError(decision.reason);
  }
  return {
    source: caller.kind === "user" ? "user" : `${caller.kind}:${caller.id}`,
    user,
    membership,
    membershipStatus: decision.membershipStatus ?? "",
  };
}

/** The current record of an operation the table allows only with one. */
export function held(allowed: Allowed): Membership {
  if (!allowed.membership) throw new ConflictError("the user has no membership yet");
  return allowed.membership;
}

/** Writes the record (and the user's version) in one transaction, then announces it. */
export async function commit(
  deps: LifecycleDeps,
  previous: Membership | undefined,
  next: Membership,
  user?: UserChange,
): Promise<Membership> {
  await deps.memberships.save(previous, next, user);
  const now = deps.clock.now();
  await publishAfterCommit(deps, [
    membershipChanged(next, now),
    ...(user ? [userStatusChanged(user.previous, user.next, now)] : []),
  ]);
  return next;
}

/** The current version of a tier, with its rank and its price for one term. */
export interface Offer {
  readonly tier: string;
  readonly rank: number;
  readonly version: string;
  readonly priceCents: number;
  readonly currency: string;
}

export async function currentOffer(
  catalog: MembershipCatalog,
  tier: string,
  term: MembershipTerm,
): Promise<Offer> {
  const offer = await catalog.tier(tier);
  if (!offer) throw new BusinessRuleError(`membership_tier ${tier} is not in the membership catalogue`);
  const price = offer.terms[term];
  if (!price) throw new BusinessRuleError(`membership_tier ${tier} ${offer.version} is not offered ${term}`);
  return {
    tier,
    rank: offer.rank,
    version: offer.version,
    priceCents: price.price_cents,
    currency: price.currency,
  };
}

/** The rank of the tier a membership holds (0 when the catalogue no longer knows it). */
export async function rankOf(catalog: MembershipCatalog, membership: Membership): Promise<number> {
  return (await catalog.tier(membership.membership_tier))?.rank ?? 0;
}

/** Users tagged `is_employee=true` are not charged for upgrades (issue 4). */
export function isEmployee(user: User): boolean {
  const tag = user.tags.is_employee;
  return tag !== undefined && !tag.tag_archived && tag.tag_value === "true";
}

/** The record without the attributes of a pending downgrade. */
export function withoutPendingDowngrade(record: Membership): Membership {
  const { membership_pending_tier: _tier, membership_downgrade_date: _date, ...rest } = record;
  return { ...rest, membership_is_pending_downgrade: false };
}

/** The record without an earlier change's payment (a change that charges nothing carries none). */
export { withoutConfirmation } from "../../domain/membership.ts";

export const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
