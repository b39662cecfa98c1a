import { StoreValidationError } from "./store.errors.ts";
import { keyAttributesOf, type TableSpec } from "./table-spec.ts";
import type { ItemChanges, StoredValue } from "./table-store.port.ts";

export interface CheckedChanges {
  readonly set: Readonly<Record<string, StoredValue>>;
  readonly remove: readonly string[];
}

/**
 * The changes of an update, as both adapters accept them: undefined values dropped (DynamoDB cannot
 * express them), and refused when they touch a key attribute, name one attribute twice, or change nothing.
 */
export function checkChanges(table: TableSpec, changes: ItemChanges): CheckedChanges {
  const set = Object.fromEntries(
    Object.entries(changes.set ?? {}).filter(([, value]) => value !== undefined),
  );
  const remove = changes.remove ?? [];
  const keyNames = keyAttributesOf(table).map((a) => a.name);
  const touched = [...Object.keys(set), ...remove];
  const keyTouched = touched.find((name) => keyNames.includes(name));
  if (keyTouched) throw new StoreValidationError(`${table.name}: cannot update key attribute ${keyTouched}`);
  if (new Set(touched).size !== touched.length) {
    throw new StoreValidationError(`${table.name}: an update names the same attribute twice`);
  }
  if (touched.length === 0) throw new StoreValidationError(`${table.name}: an update must change something`);
  return { set, remove };
}
