/** src/payments/README.md's generated regions are what the code makes now (the charge's state machine). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { regionContent, regionsOf } from "../../../scripts/docs/regions.ts";
import { GENERATED, generate } from "../../../scripts/docs.ts";
import { GATEWAY_SANDBOX } from "../../../src/payments/adapters/sandbox/sandbox-gateway.records.ts";

const README = "src/payments/README.md";
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

  it("names every ending the sandbox gateway steers by", () => {
    const endings = Object.values(GATEWAY_SANDBOX);
    expect(endings.filter((ending) => !text.includes(`| \`${ending}\` |`))).toEqual([]);
  });
});
