/** src/payments/README.md's generated regions are what the code makes now, and it names every steering. */
import { describe, expect, it } from "vitest";
import { GATEWAY_SANDBOX } from "../../../src/payments/adapters/sandbox/sandbox-gateway.records.ts";
import { itKeepsGeneratedRegions, readDocument } from "../../support/generated-regions.ts";

const README = "src/payments/README.md";

describe(README, () => {
  itKeepsGeneratedRegions(README);

  it("names every ending the sandbox gateway steers by", () => {
    const text = readDocument(README);
    const endings = Object.values(GATEWAY_SANDBOX);
    expect(endings.filter((ending) => !text.includes(`| \`${ending}\` |`))).toEqual([]);
  });
});
