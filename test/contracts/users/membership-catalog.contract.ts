import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_FEATURES_FILE } from "../../../src/users/adapters/growthbook/membership-catalog.growthbook.ts";
import { FEATURE_FLAGS, type MembershipCatalog } from "../../../src/users/ports/membership-catalog.port.ts";

export interface CatalogTarget {
  readonly catalog: MembershipCatalog;
  close?(): Promise<void>;
}

/** The features file shipped in the repository, as Growthbook's API would serve it. */
export function defaultFeaturesPayload(): { features: Record<string, unknown> } {
  return JSON.parse(readFileSync(DEFAULT_FEATURES_FILE, "utf8"));
}

const usd = (price_cents: number) => ({ price_cents, currency: "USD" });

/** What every MembershipCatalog adapter answers when its source holds the shipped default features. */
export function membershipCatalogContract(adapter: string, open: () => Promise<CatalogTarget>): void {
  describe(`MembershipCatalog contract on ${adapter}`, () => {
    let target: CatalogTarget;

    beforeEach(async () => {
      target = await open();
    });
    afterEach(async () => {
      await target.close?.();
    });

    it("lists the default tiers lowest rank first, each version with its MONTHLY and ANNUAL prices", async () => {
      expect(await target.catalog.tiers()).toEqual([
        {
          tier: "plus",
          rank: 1,
          current_version: "v1",
          versions: { v1: { MONTHLY: usd(999), ANNUAL: usd(9999) } },
        },
        {
          tier: "premium",
          rank: 2,
          current_version: "v2",
          versions: {
            v1: { MONTHLY: usd(1499), ANNUAL: usd(14999) },
            v2: { MONTHLY: usd(1999), ANNUAL: usd(19999) },
          },
        },
      ]);
    });

    it("finds a tier's current version, or the version a member holds", async () => {
      expect(await target.catalog.tier("premium")).toEqual({
        tier: "premium",
        rank: 2,
        version: "v2",
        is_current: true,
        terms: { MONTHLY: usd(1999), ANNUAL: usd(19999) },
      });
      expect(await target.catalog.tier("premium", "v1")).toMatchObject({ version: "v1", is_current: false });
      expect((await target.catalog.tier("plus"))?.terms.ANNUAL).toEqual(usd(9999));
    });

    it("answers undefined for an unknown tier or version", async () => {
      expect(await target.catalog.tier("gold")).toBeUndefined();
      expect(await target.catalog.tier("plus", "v9")).toBeUndefined();
      expect(await target.catalog.tier("toString")).toBeUndefined();
      expect(await target.catalog.tier("plus", "toString")).toBeUndefined();
    });

    it("allows pauses of up to 3 months", async () => {
      expect(await target.catalog.pauseMaxMonths()).toBe(3);
    });

    it("has EnableChargebackBan on, except for user ids its rule targets", async () => {
      const flag = FEATURE_FLAGS.enableChargebackBan;
      expect(await target.catalog.isOn(flag, { userId: "auth0|ada" })).toBe(true);
      expect(await target.catalog.isOn(flag, { userId: "auth0|no-chargeback-ban-ada" })).toBe(false);
    });
  });
}
