/** At most this many words go to the text search (the User Service allows 8). */
const MAX_TERMS = 8;

/**
 * How the console reads what an operator typed: the words go to the User Service's search (names,
 * email, city and phone digits: `7788` finds a phone by its last four, `555-201-7788` by the whole);
 * a single word is also tried as an id (user id, payment confirmation id, subscription id, a store's
 * purchase id), since ids have no shape in common to tell them apart by.
 */
export function findPlan(query: string): {
  readonly words: string | undefined;
  readonly id: string | undefined;
} {
  const terms = query.trim().split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
  if (terms.length === 0) return { words: undefined, id: undefined };
  return {
    words: terms.join(" "),
    id: terms.length === 1 && (terms[0] as string).length >= 3 ? terms[0] : undefined,
  };
}
