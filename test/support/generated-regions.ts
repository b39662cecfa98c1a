import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { regionContent, regionsOf } from "../../scripts/docs/regions.ts";
import { GENERATED, generate } from "../../scripts/docs.ts";

/** A document of the repository, by its path from the root. */
export const readDocument = (document: string): string =>
  readFileSync(new URL(`../../${document}`, import.meta.url), "utf8");

/**
 * The tests that keep a document's generated regions (`npm run docs`) what the code makes now: one per
 * region the generator knows for it, and one that it holds no region the generator does not know.
 */
export function itKeepsGeneratedRegions(document: string): void {
  const text = readDocument(document);
  for (const { region, render } of GENERATED.filter((entry) => entry.document === document)) {
    it(`holds the generated region "${region}" as the code makes it now`, () => {
      const found = regionsOf(document, text).find((r) => r.name === region);
      expect(
        found,
        `${document} lacks the region "${region}": add its markers, then run npm run docs`,
      ).toBeDefined();
      expect(found?.content, `the region "${region}" of ${document} is stale: run npm run docs`).toBe(
        regionContent(render()),
      );
    });
  }

  it("holds no region the generator does not know", () => {
    expect(() => generate(document, text)).not.toThrow();
  });
}
