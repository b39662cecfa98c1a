import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { text, textPattern, textProblem } from "../../../src/platform/http/text.schemas.ts";

/** What no person types, each with the rule it breaks. */
const HOSTILE = [
  ["NUL", "a\u0000b", "control characters (U+0000)"],
  ["a C0 control (tab)", "premium\t\t", "control characters (U+0009)"],
  ["DEL", "a\u007Fb", "control characters (U+007F)"],
  ["a C1 control (NEL)", "a\u0085b", "control characters (U+0085)"],
  ["a lone high surrogate", "a\uD800b", "lone surrogate (U+D800)"],
  ["a lone low surrogate", "a\uDC00b", "lone surrogate (U+DC00)"],
  ["a right-to-left override", "abc\u202Etxt.exe", "bidirectional formatting characters (U+202E)"],
  ["an isolate", "a\u2066b\u2069", "bidirectional formatting characters (U+2066)"],
  ["a left-to-right mark", "a\u200Eb", "bidirectional formatting characters (U+200E)"],
  ["CR LF", "line one\r\nline two", "one line: it holds a line break (U+000D)"],
  ["LF", "line one\nline two", "one line: it holds a line break (U+000A)"],
  ["a line separator", "a\u2028b", "one line: it holds a line break (U+2028)"],
  ["U+FFFD", "caf\uFFFD", "not valid UTF-8"],
  ["a byte order mark inside", "a\uFEFFb", "byte order mark or a noncharacter (U+FEFF)"],
  ["a noncharacter", "a\uFDD0b", "byte order mark or a noncharacter (U+FDD0)"],
  ["U+FFFF", "a\uFFFF", "byte order mark or a noncharacter (U+FFFF)"],
] as const;

const issues = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe("the text policy", () => {
  const name = text({ max: 10 });

  it("normalises to NFC: a decomposed é is stored composed", () => {
    expect(name.parse("Rene\u0301e")).toBe("Ren\u00E9e");
    expect(name.parse("\u212B")).toBe("\u00C5"); // the Ångström sign is the letter Å
  });

  it.each(HOSTILE)("refuses %s, naming the rule and the code point", (_, value, rule) => {
    expect(issues(name, value)).toEqual([expect.stringContaining(rule)]);
  });

  it("says what the message says without repeating the value", () => {
    expect(textProblem("secret\u0000")).not.toContain("secret");
  });

  it("refuses surrounding whitespace instead of trimming it, unless the field's normalisation trims", () => {
    for (const value of [" Ada", "Ada ", "\u00A0Ada"])
      expect(issues(name, value)).toEqual(["must not start or end with whitespace"]);
    expect(text({ max: 10, surroundingSpace: "allow" }).parse(" Ada ")).toBe(" Ada ");
    expect(name.parse("Ada King")).toBe("Ada King");
  });

  it("lets a multiline field hold LF and CR, and nothing else the policy refuses", () => {
    const note = text({ max: 100, multiline: true });
    expect(note.parse("first line\r\nsecond\nthird")).toBe("first line\r\nsecond\nthird");
    for (const [, value, rule] of HOSTILE.filter(([, v]) => !/^[^\r\n]*[\r\n]/.test(v)))
      expect(issues(note, value)).toEqual([expect.stringContaining(rule)]);
  });

  it("keeps what people do type: other scripts, emoji (surrogate pairs), punctuation", () => {
    for (const value of ["Zoë", "Łukasz", "李小龙", "Ада", "O'Brien-Smith", "🎉 party", "a\u200Db"])
      expect(text({ max: 20 }).parse(value)).toBe(value.normalize("NFC"));
  });

  it("applies min and maxLength to the NFC form, with one issue per field", () => {
    expect(issues(name, "")).toHaveLength(1);
    expect(issues(name, "x".repeat(11))).toEqual([expect.stringContaining("<=10")]);
    expect(name.parse(`${"e\u0301".repeat(10)}`)).toBe("\u00E9".repeat(10));
    expect(
      issues(text({ max: 2, pattern: { regex: /^[A-Z]{2}$/, message: "two capitals" } }), "Texas"),
    ).toEqual(["two capitals"]);
    expect(text({ max: 5, min: 0 }).parse("")).toBe("");
  });

  it("checks the field's own rule after the policy", () => {
    const even = text({ max: 9, rule: (v) => (v.length % 2 ? "odd" : undefined) });
    expect(issues(even, "abc")).toEqual(["odd"]);
    expect(issues(even, "ab\u0000")).toEqual([expect.stringContaining("U+0000")]);
  });

  it("refuses a pattern with flags: the document could not carry it", () => {
    expect(() => text({ max: 5, pattern: { regex: /^\p{L}+$/u, message: "letters" } })).toThrow(/no flags/);
  });
});

describe("the text policy in the OpenAPI document", () => {
  const patterns = [
    textPattern(),
    textPattern({ multiline: true }),
    textPattern({ surroundingSpace: "allow" }),
  ];

  it("is a plain pattern that means the same with and without the u flag", () => {
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/\/[a-z]*$/);
      for (const value of ["Ada", "Zoë 🎉", " Ada", "a\u0000", "a\u202Eb", "caf\uFFFD", "a\r\nb"])
        expect(new RegExp(pattern).test(value)).toBe(new RegExp(pattern, "u").test(value));
    }
  });

  it("refuses what the schema refuses, lone surrogates aside (the description says so)", () => {
    const cases: [z.ZodType, string][] = [
      [text({ max: 50 }), textPattern()],
      [text({ max: 50, multiline: true }), textPattern({ multiline: true })],
      [text({ max: 50, surroundingSpace: "allow" }), textPattern({ surroundingSpace: "allow" })],
    ];
    const values = [...HOSTILE.map(([, v]) => v), "Ada", " Ada", "a\nb", "a\r\nb", "Zoë"];
    for (const [schema, pattern] of cases)
      for (const value of values.filter((v) => !/[\uD800-\uDFFF]/u.test(v)))
        expect([value, new RegExp(pattern, "u").test(value)]).toEqual([
          value,
          schema.safeParse(value).success,
        ]);
  });

  it("renders maxLength, minLength, the pattern and the rule in words", async () => {
    const app = new OpenAPIHono();
    const city = text({ max: 100, description: "Where the user lives" });
    const body = { content: { "application/json": { schema: z.object({ city }) } } };
    app.openapi(
      createRoute({
        method: "post",
        path: "/x",
        request: { body },
        responses: { 204: { description: "done" } },
      }),
      (c) => c.body(null, 204),
    );
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    const requestBody = doc.paths?.["/x"]?.post?.requestBody as
      | { content: Record<string, { schema: unknown }> }
      | undefined;
    const schema = requestBody?.content["application/json"]?.schema;
    expect(schema).toMatchObject({
      properties: {
        city: {
          type: "string",
          minLength: 1,
          maxLength: 100,
          pattern: textPattern(),
          description: expect.stringMatching(
            /^Where the user lives\. One line, normalised to NFC; .*lone surrogates/,
          ),
        },
      },
    });
  });
});
