/** A stream record's data as JSON, or undefined when a producer wrote something else (shown as such). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
