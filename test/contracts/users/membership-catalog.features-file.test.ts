import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MalformedFeatureError } from "../../../src/users/adapters/growthbook/membership-catalog.features.ts";
import { GrowthbookMembershipCatalog } from "../../../src/users/adapters/growthbook/membership-catalog.growthbook.ts";
import { FEATURE_FLAGS } from "../../../src/users/ports/membership-catalog.port.ts";
import { defaultFeaturesPayload, membershipCatalogContract } from "./membership-catalog.contract.ts";

membershipCatalogContract("the shipped features file", async () => ({
  catalog: await GrowthbookMembershipCatalog.fromFeaturesFile(),
}));

/** The default payload with one feature replaced (or removed, with undefined). */
function withFeature(feature: string, definition: unknown) {
  const payload = defaultFeaturesPayload();
  if (definition === undefined) delete payload.features[feature];
  else payload.features[feature] = definition;
  return payload;
}

function tiersWith(change: (tiers: Record<string, Record<string, unknown>>) => void) {
  const payload = defaultFeaturesPayload();
  const tiers = (
    payload.features["membership-tiers"] as { defaultValue: Record<string, Record<string, unknown>> }
  ).defaultValue;
  change(tiers);
  return payload;
}

function refusal(payload: unknown): MalformedFeatureError {
  try {
    GrowthbookMembershipCatalog.fromPayload(payload);
  } catch (error) {
    if (error instanceof MalformedFeatureError) return error;
    throw error;
  }
  throw new Error("the payload was accepted");
}

describe("the Growthbook membership catalogue from a features file", () => {
  it("evaluates flag rules on the user id attribute", async () => {
    const catalog = GrowthbookMembershipCatalog.fromPayload(
      withFeature("EnableChargebackBan", {
        defaultValue: false,
        rules: [{ condition: { id: { $in: ["auth0|pilot"] } }, force: true }],
      }),
    );
    expect(await catalog.isOn(FEATURE_FLAGS.enableChargebackBan, { userId: "auth0|pilot" })).toBe(true);
    expect(await catalog.isOn(FEATURE_FLAGS.enableChargebackBan, { userId: "auth0|ada" })).toBe(false);
  });

  it("reads a flag the payload lacks as off", async () => {
    const catalog = GrowthbookMembershipCatalog.fromPayload(withFeature("EnableChargebackBan", undefined));
    expect(await catalog.isOn(FEATURE_FLAGS.enableChargebackBan, { userId: "auth0|ada" })).toBe(false);
  });

  it("refuses a malformed catalogue at load, naming the feature and the path", () => {
    const error = refusal(
      tiersWith((tiers) => {
        (
          tiers.plus as { versions: { v1: { MONTHLY: { price_cents: unknown } } } }
        ).versions.v1.MONTHLY.price_cents = "9.99";
      }),
    );
    expect(error.feature).toBe("membership-tiers");
    expect(error.message).toMatch(/^Growthbook feature "membership-tiers" is malformed: /);
    expect(error.problems).toEqual([expect.stringMatching(/^plus\.versions\.v1\.MONTHLY\.price_cents: /)]);
  });

  it.each([
    [
      "a current version it does not define",
      (t: Record<string, Record<string, unknown>>) => {
        t.plus!.current_version = "v2";
      },
      /plus\.current_version: current_version is not one of versions/,
    ],
    [
      "two tiers of one rank",
      (t: Record<string, Record<string, unknown>>) => {
        t.premium!.rank = 1;
      },
      /share a rank/,
    ],
    [
      "a version with no term",
      (t: Record<string, Record<string, unknown>>) => {
        t.plus!.versions = { v1: {} };
      },
      /plus\.versions\.v1: offers neither MONTHLY nor ANNUAL/,
    ],
    [
      "an unknown term",
      (t: Record<string, Record<string, unknown>>) => {
        t.plus!.versions = { v1: { WEEKLY: { price_cents: 1, currency: "USD" } } };
      },
      /plus\.versions\.v1/,
    ],
  ])("refuses a catalogue with %s", (_name, change, problem) => {
    const error = refusal(tiersWith(change));
    expect(error.feature).toBe("membership-tiers");
    expect(error.message).toMatch(problem);
  });

  it("refuses a missing catalogue, a bad pause maximum and a flag that is not a boolean", () => {
    expect(refusal(withFeature("membership-tiers", undefined)).message).toBe(
      'Growthbook feature "membership-tiers" is malformed: the feature is missing',
    );
    expect(refusal(withFeature("membership-pause-max-months", { defaultValue: 0 })).feature).toBe(
      "membership-pause-max-months",
    );
    const flag = refusal(
      withFeature("EnableChargebackBan", { defaultValue: true, rules: [{ condition: {}, force: "yes" }] }),
    );
    expect(flag.feature).toBe("EnableChargebackBan");
    expect(flag.problems).toEqual(["rules.0.force: expected a boolean"]);
  });

  it("refuses a file that is not Growthbook's payload format", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roster-features-test-"));
    const notJson = join(dir, "broken.json");
    writeFileSync(notJson, "{ features: ");
    await expect(GrowthbookMembershipCatalog.fromFeaturesFile(notJson)).rejects.toThrow(/is not JSON/);
    expect(refusal({ "membership-tiers": {} }).message).toMatch(/expected Growthbook's payload/);
  });
});
