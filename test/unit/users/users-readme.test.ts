/**
 * src/users/README.md's generated regions are what the code makes now (the lifecycle table, the
 * configuration, the shipped catalogue), and its steering table names every value the sandboxes steer by.
 */
import { describe, expect, it } from "vitest";
import { SEGMENT_SANDBOX } from "../../../src/users/adapters/sandbox/analytics.sandbox.ts";
import { ARRAY_SANDBOX } from "../../../src/users/adapters/sandbox/array-service.sandbox.ts";
import { FLOAT_SANDBOX } from "../../../src/users/adapters/sandbox/float-service.sandbox.ts";
import { AUTH0_SANDBOX } from "../../../src/users/adapters/sandbox/identity-accounts.sandbox.ts";
import { MLA_SANDBOX_SSNS } from "../../../src/users/adapters/sandbox/mla-lookup.sandbox.ts";
import { TRANSACTIONS_SANDBOX } from "../../../src/users/adapters/sandbox/transactions-service.sandbox.ts";
import { UNDERWRITING_SANDBOX } from "../../../src/users/adapters/sandbox/underwriting-service.sandbox.ts";
import { itKeepsGeneratedRegions, readDocument } from "../../support/generated-regions.ts";

const README = "src/users/README.md";
const text = readDocument(README);

describe(README, () => {
  itKeepsGeneratedRegions(README);

  it("names every value the sandboxes steer by", () => {
    const steering = [
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
