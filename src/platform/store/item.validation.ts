import { StoreValidationError } from "./store.errors.ts";
import type { Item, StoredValue } from "./table-store.port.ts";

/** DynamoDB's maximum item size (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
export const MAX_ITEM_BYTES = 400 * 1024;

/** Refuses what DynamoDB refuses: items over 400 KB and numbers it cannot store. */
export function checkItem(table: string, item: Item): void {
  for (const [name, value] of Object.entries(item)) checkValue(table, name, value);
  const bytes = Buffer.byteLength(JSON.stringify(item));
  if (bytes > MAX_ITEM_BYTES) {
    throw new StoreValidationError(
      `${table}: item size ${bytes} bytes exceeds the ${MAX_ITEM_BYTES} byte limit`,
    );
  }
}

function checkValue(table: string, path: string, value: StoredValue | undefined): void {
  if (typeof value === "number" && !storableNumber(value)) {
    throw new StoreValidationError(`${table}: ${path} is outside the numbers DynamoDB can store`);
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkValue(table, `${path}[${i}]`, v);
  } else if (typeof value === "object" && value !== null) {
    for (const [name, v] of Object.entries(value)) checkValue(table, `${path}.${name}`, v);
  }
}

/** DynamoDB writes no stream record for a write that changes nothing; neither does the embedded store. */
export function withoutUndefined(item: Item): Item {
  return JSON.parse(JSON.stringify(item)) as Item;
}

/** DynamoDB numbers: finite, magnitude 1e-130 to below 1e126 (or zero). */
function storableNumber(value: number): boolean {
  const magnitude = Math.abs(value);
  return Number.isFinite(value) && (magnitude === 0 || (magnitude >= 1e-130 && magnitude < 1e126));
}
