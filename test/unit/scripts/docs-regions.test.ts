import { describe, expect, it } from "vitest";
import { regionsOf, replaceRegions } from "../../../scripts/docs/regions.ts";

const doc = [
  "# Title",
  "",
  "<!-- generated:a -->",
  "old a",
  "<!-- /generated:a -->",
  "",
  "by hand",
  "<!-- generated:b -->",
  "<!-- /generated:b -->",
  "",
].join("\n");

describe("generated regions", () => {
  it("finds each region's content between its markers", () => {
    expect(regionsOf("doc.md", doc).map((r) => [r.name, r.content])).toEqual([
      ["a", "old a\n"],
      ["b", ""],
    ]);
  });

  it("rewrites only the regions asked for, between blank lines, leaving the hand-written text", () => {
    const next = replaceRegions("doc.md", doc, new Map([["b", "| x |\n| --- |"]]));
    expect(next).toBe(doc.replace("<!-- generated:b -->\n", "<!-- generated:b -->\n\n| x |\n| --- |\n\n"));
    expect(replaceRegions("doc.md", next, new Map([["b", "| x |\n| --- |"]]))).toBe(next);
  });

  it("refuses a region that is missing, unclosed, nested or repeated, naming the document and line", () => {
    expect(() => replaceRegions("doc.md", doc, new Map([["c", "x"]]))).toThrow(
      'doc.md: no region "c"; add <!-- generated:c --> and <!-- /generated:c -->',
    );
    expect(() => regionsOf("doc.md", "<!-- generated:a -->\n")).toThrow(
      'doc.md:1: region "a" is never closed',
    );
    expect(() => regionsOf("doc.md", "<!-- generated:a -->\n<!-- generated:b -->\n")).toThrow(
      'doc.md:2: region "b" opens inside region "a"',
    );
    expect(() => regionsOf("doc.md", `${doc}<!-- generated:a -->\n<!-- /generated:a -->\n`)).toThrow(
      'doc.md:10: region "a" appears twice',
    );
    expect(() => regionsOf("doc.md", "x\n<!-- /generated:a -->\n")).toThrow(
      'doc.md:2: region "a" closes but is not open',
    );
  });
});
