import { ObjectValidationError } from "./object-store.errors.ts";
import type { ObjectStore, PutOutcome } from "./object-store.port.ts";

export const JSON_CONTENT_TYPE = "application/json";

/**
 * Writes `value` once as JSON (UTF-8, `application/json`). A redelivery is "unchanged" when it builds
 * the same value the same way: `JSON.stringify` keeps property order, so build it from the same fields
 * in the same order (dates as fixed strings, never `now`).
 */
export function putJsonImmutable(store: ObjectStore, key: string, value: unknown): Promise<PutOutcome> {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) {
    throw new ObjectValidationError("the value has no JSON form (undefined or a function)");
  }
  const body = new TextEncoder().encode(text);
  return store.putImmutable(key, body, { contentType: JSON_CONTENT_TYPE });
}

/** The document at `key` parsed as JSON, for the caller to check with its schema; `undefined` if none. */
export async function getJson(store: ObjectStore, key: string): Promise<unknown> {
  const stored = await store.get(key);
  return stored === undefined ? undefined : JSON.parse(new TextDecoder().decode(stored.body));
}
