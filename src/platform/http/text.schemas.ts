import { z } from "@hono/zod-openapi";

/**
 * The one text policy of every string a request carries (body fields, path and query parameters):
 * what a person types into a form, and nothing else.
 *
 * - NFC: the value is normalised to Unicode Normalization Form C before any other rule ("e\u0301"
 *   is stored as "é"), so one text has one spelling in lookups, comparisons and lengths.
 * - Refused (400 naming the field): C0 controls (U+0000-U+001F, NUL and tabs included), DEL and C1
 *   controls (U+007F-U+009F); line breaks (LF, CR, U+2028, U+2029) unless the field is `multiline`
 *   (then LF and CR are allowed); bidirectional formatting characters (U+061C, U+200E, U+200F,
 *   U+202A-U+202E, U+2066-U+2069: the "Trojan Source" overrides and isolates); lone surrogates
 *   (not Unicode at all); U+FFFD, which is what a JSON body of invalid UTF-8 decodes to.
 * - No silent trimming: leading or trailing whitespace is refused, except for values whose documented
 *   normalisation trims them (an email, a phone number: `surroundingSpace: "allow"`).
 * - Every string has a `maxLength`, so the document states it.
 *
 * The rules except NFC and lone surrogates are the field's `pattern` in the OpenAPI document: a plain
 * ECMA-262 pattern without flags, meaning the same with or without the `u` flag (JSON Schema tools
 * differ in which they use). Lone surrogates cannot be written that way (without `u` a pattern sees
 * the halves of every pair), so they stay a refinement, stated in the description.
 */

// Character-class bodies with \u escapes, which mean the same with and without the `u` flag.
const C0 = "\\u0000-\\u001F";
const C0_BUT_LF_CR = "\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F";
const LINE_BREAKS = "\\u000A\\u000D\\u2028\\u2029";
const DEL_AND_C1 = "\\u007F-\\u009F";
const BIDI_CONTROLS = "\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";
const SEPARATORS_AND_REPLACEMENT = "\\u2028\\u2029\\uFFFD";
// A byte order mark inside text, and the BMP's noncharacters: never typed, only left by broken encoders.
const NOT_TEXT = "\\uFEFF\\uFDD0-\\uFDEF\\uFFFE\\uFFFF";

/** The characters a field refuses, as the body of a character class. */
function refusedClass(multiline: boolean): string {
  return `${multiline ? C0_BUT_LF_CR : C0}${DEL_AND_C1}${BIDI_CONTROLS}${SEPARATORS_AND_REPLACEMENT}${NOT_TEXT}`;
}

/** The document's pattern for a text field (no flags: see above). */
export function textPattern(options: { multiline?: boolean; surroundingSpace?: "refuse" | "allow" } = {}) {
  const body = `[^${refusedClass(options.multiline === true)}]*`;
  return options.surroundingSpace === "allow" ? `^${body}$` : `^(?!\\s)${body}(?<!\\s)$`;
}

const hex = (char: string) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Why `value` breaks the text policy, or undefined. Names the rule and the code point, never the
 * value (it may be personal data).
 */
export function textProblem(
  value: string,
  options: { multiline?: boolean; surroundingSpace?: "refuse" | "allow" } = {},
): string | undefined {
  const surrogate = LONE_SURROGATE.exec(value)?.[0];
  if (surrogate) return `must be well-formed Unicode: it holds a lone surrogate (${hex(surrogate)})`;
  const multiline = options.multiline === true;
  const refused = new RegExp(`[${refusedClass(multiline)}]`).exec(value)?.[0];
  if (refused === "\uFFFD") return "is not valid UTF-8: it holds U+FFFD, the replacement character";
  if (refused && new RegExp(`[${LINE_BREAKS}]`).test(refused))
    return `must be one line: it holds a line break (${hex(refused)})`;
  if (refused && new RegExp(`[${NOT_TEXT}]`).test(refused))
    return `must not hold a byte order mark or a noncharacter (${hex(refused)})`;
  if (refused && new RegExp(`[${BIDI_CONTROLS}]`).test(refused))
    return `must not hold bidirectional formatting characters (${hex(refused)})`;
  if (refused) return `must not hold control characters (${hex(refused)})`;
  if (options.surroundingSpace !== "allow" && /^\s|\s$/.test(value))
    return "must not start or end with whitespace";
  return undefined;
}

export interface TextOptions {
  /** The longest value, in UTF-16 code units of the NFC form (JSON Schema's `maxLength` counts code points: the same for all but astral characters). */
  readonly max: number;
  /** Default 1: an empty string is refused. */
  readonly min?: number;
  /** The field may hold line breaks (LF, CR); the description says so. */
  readonly multiline?: boolean;
  /** "allow" only where the field's documented normalisation trims (an email, a phone number). */
  readonly surroundingSpace?: "refuse" | "allow";
  /**
   * The field's own format: a whitelist, plain ECMA-262 without flags, that admits none of the
   * refused characters. It is the document's pattern in place of the text pattern.
   */
  readonly pattern?: { readonly regex: RegExp; readonly message: string };
  /**
   * The field's own rule where no flag-free pattern states it (Unicode letters, an email): why a value
   * breaks it, or undefined. Checked after the text policy; `description` states it.
   */
  readonly rule?: (value: string) => string | undefined;
  readonly description?: string;
}

function policySentence(options: TextOptions): string {
  if (options.pattern) return "";
  const lines = options.multiline ? "May hold line breaks (LF, CR)" : "One line";
  const edges = options.surroundingSpace === "allow" ? "" : "; no leading or trailing whitespace";
  return (
    `${lines}, normalised to NFC; no control characters, bidirectional formatting characters, ` +
    `lone surrogates, U+FFFD, U+FEFF or noncharacters${edges}.`
  );
}

/** A string field under the text policy (see the module's comment). */
export function text(options: TextOptions) {
  if (options.pattern && options.pattern.regex.flags !== "")
    throw new Error(`a text pattern must have no flags, not /${options.pattern.regex.flags}`);
  const policy = { multiline: options.multiline, surroundingSpace: options.surroundingSpace };
  // One issue per field, the most telling first: the policy, the field's own rule, its pattern, then
  // its length.
  const checked = z
    .string()
    .normalize("NFC")
    .superRefine((value, ctx) => {
      const problem = textProblem(value, policy) ?? options.rule?.(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem, continue: false });
    });
  const patterned = options.pattern
    ? checked.regex(options.pattern.regex, { message: options.pattern.message, abort: true })
    : checked;
  const schema = patterned.min(options.min ?? 1, { abort: true }).max(options.max, { abort: true });
  const own = options.description?.replace(/([^.!?)])$/, "$1.");
  const description = [own, policySentence(options)].filter(Boolean).join(" ");
  return schema.openapi({
    ...(options.pattern ? {} : { pattern: textPattern(policy) }),
    ...(description ? { description } : {}),
  });
}
