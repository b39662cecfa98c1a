/**
 * The membership catalogue the local runtime ships (the Growthbook payload in config/growthbook/), as
 * the adapter reads it: tiers and prices, the pause maximum, and each flag with its rules.
 */
import { readFileSync } from "node:fs";
import { readCatalogFeatures } from "../../src/users/adapters/growthbook/membership-catalog.features.ts";
import {
  FEATURE_FLAGS,
  MEMBERSHIP_TERMS,
  type TermPrice,
} from "../../src/users/ports/membership-catalog.port.ts";
import { code, table } from "./markdown.ts";

type Features = Readonly<Record<string, { defaultValue?: unknown; rules?: unknown[] }>>;

export function catalogueTables(featuresFile: URL): string {
  const { features } = JSON.parse(readFileSync(featuresFile, "utf8")) as { features: Features };
  const catalogue = readCatalogFeatures((feature) => features[feature]?.defaultValue, features);
  const tiers = table(
    ["tier", "rank", "version", ...MEMBERSHIP_TERMS],
    catalogue.tiers.flatMap((tier) =>
      Object.entries(tier.versions).map(([version, terms]) => [
        code(tier.tier),
        String(tier.rank),
        `${code(version)}${version === tier.current_version ? " (current)" : ""}`,
        ...MEMBERSHIP_TERMS.map((term) => price(terms[term])),
      ]),
    ),
  );
  const flags = table(
    ["flag", "default", "rules"],
    Object.values(FEATURE_FLAGS).map((flag) => [
      code(flag),
      onOff(features[flag]?.defaultValue),
      (features[flag]?.rules ?? []).map(rule).join("; ") || "none",
    ]),
  );
  return `${tiers}\n\nPause maximum: ${catalogue.pauseMaxMonths} months.\n\n${flags}`;
}

function price(term: TermPrice | undefined): string {
  if (!term) return "not offered";
  const amount = (term.price_cents / 100).toFixed(2);
  return `${term.currency === "USD" ? `$${amount}` : `${amount} ${term.currency}`} (${term.price_cents})`;
}

const onOff = (value: unknown) => (value === true ? "on" : value === false ? "off" : "off (undefined)");

function rule(value: unknown): string {
  const { condition, force } = value as { condition?: unknown; force?: unknown };
  const when = condition === undefined ? "always" : `when ${code(JSON.stringify(condition))}`;
  return `${onOff(force)} ${when}`;
}
