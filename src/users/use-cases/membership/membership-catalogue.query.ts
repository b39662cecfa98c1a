import { BusinessRuleError } from "../../../platform/errors/app.errors.ts";
import type { Membership, MembershipTerm } from "../../domain/membership.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";

/** The current version of a tier, with its rank and its price for one term. */
export interface Offer {
  readonly tier: string;
  readonly rank: number;
  readonly version: string;
  readonly priceCents: number;
  readonly currency: string;
}

/** The tier's current offer for `term`; 422 when the catalogue does not know the tier or the term. */
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
