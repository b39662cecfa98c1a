/** src/purchases/README.md's generated regions (what each store notification makes Roster do) are current. */
import { describe } from "vitest";
import { itKeepsGeneratedRegions } from "../../support/generated-regions.ts";

const README = "src/purchases/README.md";

describe(README, () => {
  itKeepsGeneratedRegions(README);
});
