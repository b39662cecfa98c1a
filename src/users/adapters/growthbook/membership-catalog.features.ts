import * as z from "zod";
import {
  FEATURE_FLAGS,
  MEMBERSHIP_TERMS,
  type MembershipTier,
  type TierVersionTerms,
} from "../../ports/membership-catalog.port.ts";

/**
 * How the membership catalogue is written as Growthbook features (src/users/README.md, "Membership
 * catalogue and flags (Growthbook)"): a JSON feature holding the whole catalogue, a number feature for
 * the pause maximum, and one boolean feature per flag.
 */
export const CATALOG_FEATURES = {
  tiers: "membership-tiers",
  pauseMaxMonths: "membership-pause-max-months",
} as const;

/** A feature value outside its documented shape: names the feature and the paths that are wrong. */
export class MalformedFeatureError extends Error {
  override readonly name = "MalformedFeatureError";
  readonly feature: string;
  readonly problems: readonly string[];
  constructor(feature: string, problems: readonly string[]) {
    super(`Growthbook feature "${feature}" is malformed: ${problems.join("; ")}`);
    this.feature = feature;
    this.problems = problems;
  }
}

const VERSION = /^v[1-9]\d*$/;

const TermPriceSchema = z.strictObject({
  price_cents: z.number().int().nonnegative().max(10_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD"),
});

const VersionSchema = z
  .strictObject({ MONTHLY: TermPriceSchema.optional(), ANNUAL: TermPriceSchema.optional() })
  .refine((terms) => MEMBERSHIP_TERMS.some((term) => terms[term]), "offers neither MONTHLY nor ANNUAL");

const TierSchema = z
  .strictObject({
    rank: z.number().int().nonnegative(),
    current_version: z.string().regex(VERSION, "a version such as v1"),
    versions: z.record(z.string().regex(VERSION, "a version such as v1"), VersionSchema),
  })
  .refine((tier) => tier.current_version in tier.versions, {
    message: "current_version is not one of versions",
    path: ["current_version"],
  });

const CatalogSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "a lower-case tier name"), TierSchema)
  .refine((tiers) => Object.keys(tiers).length > 0, "has no tier")
  .refine((tiers) => {
    const ranks = Object.values(tiers).map((tier) => tier.rank);
    return new Set(ranks).size === ranks.length;
  }, "two tiers share a rank, so an upgrade could not be told from a downgrade");

const PauseMaxSchema = z.number().int().min(1).max(12);

/** What the catalogue's features say, validated. */
export interface CatalogValues {
  readonly tiers: readonly MembershipTier[];
  readonly pauseMaxMonths: number;
}

/** How a feature evaluates with no user attributes; undefined when the payload lacks it. */
export type FeatureReader = (feature: string) => unknown;

/** The feature definitions of a payload, as far as the flag check needs them. */
export type FeatureDefinitions = Readonly<Record<string, { defaultValue?: unknown; rules?: unknown[] }>>;

/**
 * Reads and validates the catalogue features; throws MalformedFeatureError for the first bad one.
 * Flags must be booleans wherever they are defined (default value and forced rule values).
 */
export function readCatalogFeatures(evaluate: FeatureReader, definitions: FeatureDefinitions): CatalogValues {
  const tiers = parseFeature(CATALOG_FEATURES.tiers, CatalogSchema, evaluate(CATALOG_FEATURES.tiers));
  const pauseMaxMonths = parseFeature(
    CATALOG_FEATURES.pauseMaxMonths,
    PauseMaxSchema,
    evaluate(CATALOG_FEATURES.pauseMaxMonths),
  );
  for (const flag of Object.values(FEATURE_FLAGS)) checkFlag(flag, definitions[flag]);
  return {
    tiers: Object.entries(tiers)
      .map(([tier, value]) => ({
        tier,
        rank: value.rank,
        current_version: value.current_version,
        versions: value.versions as Record<string, TierVersionTerms>,
      }))
      .sort((a, b) => a.rank - b.rank),
    pauseMaxMonths,
  };
}

function parseFeature<S extends z.ZodType>(feature: string, schema: S, value: unknown): z.infer<S> {
  if (value === undefined || value === null)
    throw new MalformedFeatureError(feature, ["the feature is missing"]);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new MalformedFeatureError(
    feature,
    parsed.error.issues.map((issue) => `${issue.path.join(".") || "(value)"}: ${issue.message}`),
  );
}

function checkFlag(flag: string, definition: FeatureDefinitions[string] | undefined): void {
  if (!definition) return;
  const problems: string[] = [];
  if (definition.defaultValue !== undefined && typeof definition.defaultValue !== "boolean") {
    problems.push("defaultValue: expected a boolean");
  }
  (definition.rules ?? []).forEach((rule, index) => {
    const force = (rule as { force?: unknown } | null)?.force;
    if (force !== undefined && typeof force !== "boolean")
      problems.push(`rules.${index}.force: expected a boolean`);
  });
  if (problems.length > 0) throw new MalformedFeatureError(flag, problems);
}
