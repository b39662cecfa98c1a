/**
 * The operator search's matching rule: the query is split on whitespace into terms, and a user
 * matches when every term occurs, ignoring case, in their first name, last name, email, phone or city.
 * A term made of digits and phone punctuation is also tried as bare digits, so `555-201-7788` and
 * `(555)201` find the stored `5552017788`.
 */
export interface SearchTerm {
  /** Lower-cased term. */
  readonly text: string;
  /** The term's digits, when it reads as (part of) a phone number. */
  readonly digits?: string;
}

export const MAX_SEARCH_TERMS = 8;
export const MAX_TERM_LENGTH = 64;

const PHONE_LIKE = /^[\d+().-]+$/;

export type SearchTermsResult =
  | { readonly ok: true; readonly terms: readonly SearchTerm[] }
  | { readonly ok: false; readonly reason: string };

export function searchTermsOf(query: string): SearchTermsResult {
  const words = [
    ...new Set(
      query
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word.length > 0),
    ),
  ];
  if (words.length === 0) return { ok: false, reason: "give at least one search term" };
  if (words.length > MAX_SEARCH_TERMS) {
    return { ok: false, reason: `give at most ${MAX_SEARCH_TERMS} search terms` };
  }
  const tooLong = words.find((word) => word.length > MAX_TERM_LENGTH);
  if (tooLong !== undefined) {
    return { ok: false, reason: `a search term may have at most ${MAX_TERM_LENGTH} characters` };
  }
  return { ok: true, terms: words.map(termOf) };
}

function termOf(text: string): SearchTerm {
  if (!PHONE_LIKE.test(text)) return { text };
  let digits = text.replace(/\D/g, "");
  // A leading country code 1 (+1 555 ...) is not part of the stored 10 digits.
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  return digits.length > 0 && digits !== text ? { text, digits } : { text };
}
