/**
 * src/users/README.md's generated regions are what the code makes now (the lifecycle table, the
 * configuration, the shipped catalogue), and its steering table names every value the sandboxes steer by.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { regionContent, regionsOf } from "../../../scripts/docs/regions.ts";
import { GENERATED, generate } from "../../../scripts/docs.ts";
import { SEGMENT_SANDBOX } from "../../../src/users/adapters/sandbox/analytics.sandbox.ts";
import { ARRAY_SANDBOX } from "../../../src/users/adapters/sandbox/array-service.sandbox.ts";
import { FLOAT_SANDBOX } from "../../../src/users/adapters/sandbox/float-service.sandbox.ts";
import { AUTH0_SANDBOX } from "../../../src/users/adapters/sandbox/identity-accounts.sandbox.ts";
import { MLA_SANDBOX_SSNS } from "../../../src/users/adapters/sandbox/mla-lookup.sandbox.ts";
import { SUBSCRIPTION_SANDBOX } from "../../../src/users/adapters/sandbox/subscription-service.sandbox.ts";
import { TRANSACTIONS_SANDBOX } from "../../../src/users/adapters/sandbox/transactions-service.sandbox.ts";
import { UNDERWRITING_SANDBOX } from "../../../src/users/adapters/sandbox/underwriting-service.sandbox.ts";

const README = "src/users/README.md";
const text = readFileSync(new URL(`../../../${README}`, import.meta.url), "utf8");

describe(README, () => {
  for (const { region, render } of GENERATED.filter((entry) => entry.document === README)) {
    it(`holds the generated region "${region}" as the code makes it now`, () => {
      const found = regionsOf(README, text).find((r) => r.name === region);
      expect(
        found,
        `${README} lacks the region "${region}": add its markers, then run npm run docs`,
      ).toBeDefined();
      expect(found?.content, `the region "${region}" of ${README} is stale: run npm run docs`).toBe(
        regionContent(render()),
      );
    });
  }

  it("holds no region the generator does not know", () => {
    expect(() => generate(README, text)).not.toThrow();
  });

  it("names every value the sandboxes steer by", () => {
    const steering = [
      SUBSCRIPTION_SANDBOX,
      FLOAT_SANDBOX,
      UNDERWRITING_SANDBOX,
      AUTH0_SANDBOX,
      TRANSACTIONS_SANDBOX,
      ARRAY_SANDBOX,
      SEGMENT_SANDBOX,
      MLA_SANDBOX_SSNS,
    ].flatMap((sandbox) => Object.values(sandbox).filter((value) => typeof value === "string"));
    expect(steering.filter((value) => !text.includes(`\`${value}\``))).toEqual([]);
  });
});
