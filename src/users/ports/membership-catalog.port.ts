/**
 * The membership catalogue and feature flags (Growthbook in seed 000: "feature flags and membership tier
 * configuration (pricing, versions)", read for upgrade, downgrade and reactivation).
 *
 * Reads answer from the catalogue the adapter holds; an adapter that has never managed to load one throws
 * the platform's `UnavailableError` (503), and one whose source holds a malformed catalogue throws
 * `DependencyError` (502) naming the feature. Neither ever answers with a guessed price.
 */
export interface MembershipCatalog {
  /** Every tier, lowest rank first. */
  tiers(): Promise<readonly MembershipTier[]>;
  /** One version of a tier (its current version when none is named); undefined if either is unknown. */
  tier(tier: string, version?: string): Promise<TierOffer | undefined>;
  /** The longest pause a member may ask for, in months. */
  pauseMaxMonths(): Promise<number>;
  /** Whether a flag is on for this user (an unknown flag is off, as in Growthbook). */
  isOn(flag: FeatureFlag, context: FlagContext): Promise<boolean>;
}

/** Seed 003's billing terms. */
export const MEMBERSHIP_TERMS = ["MONTHLY", "ANNUAL"] as const;
export type MembershipTerm = (typeof MEMBERSHIP_TERMS)[number];

/** What one term of one version costs. */
export interface TermPrice {
  /** Whole cents. */
  readonly price_cents: number;
  /** ISO 4217, e.g. "USD". */
  readonly currency: string;
}

/** A tier as the catalogue defines it. */
export interface MembershipTier {
  /** e.g. "plus", "premium" (seed 003's `membership_tier`). */
  readonly tier: string;
  /** Higher is better: moving to a higher rank is an upgrade, to a lower one a downgrade. */
  readonly rank: number;
  /** The version new memberships get (seed 003's `membership_tier_version`, e.g. "v1"). */
  readonly current_version: string;
  /** Every version members may hold, each with the terms it offers. */
  readonly versions: Readonly<Record<string, TierVersionTerms>>;
}

/** The terms a version offers: at least one of MONTHLY and ANNUAL. */
export type TierVersionTerms = Readonly<Partial<Record<MembershipTerm, TermPrice>>>;

/** One version of one tier, as a membership holds it. */
export interface TierOffer {
  readonly tier: string;
  readonly rank: number;
  readonly version: string;
  /** True when this is the version new memberships get. */
  readonly is_current: boolean;
  readonly terms: TierVersionTerms;
}

/** The flags Roster reads. */
export const FEATURE_FLAGS = {
  /** Seed 004: ban a user whose payment is CHARGED_BACK. */
  enableChargebackBan: "EnableChargebackBan",
} as const;
export type FeatureFlag = (typeof FEATURE_FLAGS)[keyof typeof FEATURE_FLAGS];

/** Whom a flag is evaluated for (Growthbook attribute `id`). */
export interface FlagContext {
  readonly userId: string;
}
