import type { Condition, Item, StoredValue } from "./table-store.port.ts";

/** Evaluates a condition against the stored item (undefined when there is none), as DynamoDB does. */
export function conditionHolds(condition: Condition, item: Item | undefined): boolean {
  if ("attributeExists" in condition) return item?.[condition.attributeExists] !== undefined;
  if ("attributeNotExists" in condition) return item?.[condition.attributeNotExists] === undefined;
  if ("equals" in condition) {
    const [name, value] = condition.equals;
    const actual = item?.[name];
    return actual !== undefined && sameValue(actual, value);
  }
  if ("notEquals" in condition) {
    // DynamoDB: `a <> :v` is true when `a` does not exist (a missing attribute is not equal to anything).
    const [name, value] = condition.notEquals;
    const actual = item?.[name];
    return actual === undefined || !sameValue(actual, value);
  }
  if ("and" in condition) return condition.and.every((c) => conditionHolds(c, item));
  return condition.or.some((c) => conditionHolds(c, item));
}

export function sameValue(a: StoredValue, b: StoredValue): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, i) => sameValue(value, b[i] as StoredValue));
  }
  const left = a as Record<string, StoredValue>;
  const right = b as Record<string, StoredValue>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((k) => right[k] !== undefined && sameValue(left[k] as StoredValue, right[k] as StoredValue))
  );
}
