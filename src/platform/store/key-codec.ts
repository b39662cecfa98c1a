import type { CursorCodec } from "./cursor-codec.ts";
import { InvalidCursorError, StoreValidationError } from "./store.errors.ts";
import { type KeyAttribute, keyAttributesOf, type TableSpec } from "./table-spec.ts";
import type { Item, Key, QueryInput, ScanInput, StoredValue } from "./table-store.port.ts";

/** The table key of an item, checked against the spec the way DynamoDB checks it. */
export function tableKeyOf(spec: TableSpec, item: Item | Key): Key {
  const key: Key = {};
  for (const attribute of keyAttributesOf(spec)) key[attribute.name] = keyValue(spec, attribute, item);
  return key;
}

/** Rejects a key with missing, extra, empty or mistyped attributes. */
export function checkKey(spec: TableSpec, key: Key): Key {
  const names = keyAttributesOf(spec).map((a) => a.name);
  const extra = Object.keys(key).filter((name) => !names.includes(name));
  if (extra.length > 0) {
    throw new StoreValidationError(
      `key for ${spec.name} has attributes that are not key attributes: ${extra}`,
    );
  }
  return tableKeyOf(spec, key);
}

function keyValue(spec: TableSpec, attribute: KeyAttribute, item: Item | Key): string | number {
  const value = item[attribute.name];
  if (value === undefined || value === null) {
    throw new StoreValidationError(`${spec.name}: key attribute ${attribute.name} is missing`);
  }
  checkKeyValueType(spec.name, attribute, value);
  return value as string | number;
}

export function checkKeyValueType(table: string, attribute: KeyAttribute, value: StoredValue): void {
  const ok =
    attribute.type === "S" ? typeof value === "string" && value.length > 0 : typeof value === "number";
  if (!ok) {
    throw new StoreValidationError(
      `${table}: key attribute ${attribute.name} must be a ${attribute.type === "S" ? "non-empty string" : "number"}`,
    );
  }
}

/** The key of an index entry, or undefined when the item lacks the index keys (sparse index). */
export function indexKeyOf(
  spec: TableSpec,
  indexName: string,
  item: Item,
): { partition: string | number; sort: string | number | undefined } | undefined {
  const index = spec.indexes?.[indexName];
  if (!index) throw new StoreValidationError(`table ${spec.name} has no index ${indexName}`);
  const partition = item[index.partitionKey.name];
  const sort = index.sortKey ? item[index.sortKey.name] : undefined;
  // DynamoDB refuses an item whose index key attribute has the wrong type; a missing one keeps it out.
  if (partition !== undefined)
    checkKeyValueType(`${spec.name} index ${indexName}`, index.partitionKey, partition);
  if (index.sortKey && sort !== undefined)
    checkKeyValueType(`${spec.name} index ${indexName}`, index.sortKey, sort);
  if (partition === undefined || (index.sortKey && sort === undefined)) return undefined;
  return { partition: partition as string | number, sort: sort as string | number | undefined };
}

/** Whether `item` has the keys of any of the table's indexes (an index lists it). */
export function hasIndexKeys(spec: TableSpec, item: Item): boolean {
  return Object.keys(spec.indexes ?? {}).some((indexName) => indexKeyOf(spec, indexName, item) !== undefined);
}

/**
 * What a query's cursor is bound to: the table (by its spec's name), the index, the partition, the sort
 * condition and the order. A cursor of any other query (another user's partition, another list's sort
 * prefix) does not open.
 */
export function queryBinding(spec: TableSpec, input: QueryInput): string {
  const { index, partition, sort, order } = input;
  return JSON.stringify(["table-query", spec.name, index ?? null, partition, sort ?? null, order ?? "asc"]);
}

/**
 * What a scan's cursor is bound to: the table and the segment pair. A query's cursor, another table's
 * or another segment's does not open (DynamoDB refuses a start key outside the segment anyway).
 */
export function scanBinding(spec: TableSpec, input: ScanInput): string {
  return JSON.stringify(["table-scan", spec.name, input.segment ?? null, input.totalSegments ?? null]);
}

/** A page cursor: the key attributes (table and index) of the last item of the page, sealed to the query. */
export function encodeCursor(cursors: CursorCodec, spec: TableSpec, input: QueryInput, item: Item): string {
  return sealPosition(cursors, queryBinding(spec, input), keyAttributesOf(spec, input.index), item);
}

/** The position a cursor of this very query holds; InvalidCursorError for any other cursor. */
export function decodeCursor(cursors: CursorCodec, spec: TableSpec, input: QueryInput, cursor: string): Key {
  return openPosition(cursors, queryBinding(spec, input), spec, keyAttributesOf(spec, input.index), cursor);
}

/** A scan's page cursor: the table key of the last item of the page, sealed to the scan. */
export function encodeScanCursor(
  cursors: CursorCodec,
  spec: TableSpec,
  input: ScanInput,
  item: Item,
): string {
  return sealPosition(cursors, scanBinding(spec, input), keyAttributesOf(spec), item);
}

/** The table key a cursor of this very scan holds; InvalidCursorError for any other cursor. */
export function decodeScanCursor(
  cursors: CursorCodec,
  spec: TableSpec,
  input: ScanInput,
  cursor: string,
): Key {
  return openPosition(cursors, scanBinding(spec, input), spec, keyAttributesOf(spec), cursor);
}

function sealPosition(cursors: CursorCodec, binding: string, attributes: KeyAttribute[], item: Item): string {
  const position: Key = {};
  for (const attribute of attributes) position[attribute.name] = item[attribute.name] as string | number;
  return cursors.seal(binding, position);
}

function openPosition(
  cursors: CursorCodec,
  binding: string,
  spec: TableSpec,
  attributes: KeyAttribute[],
  cursor: string,
): Key {
  const position = cursors.open(binding, cursor);
  if (typeof position !== "object" || position === null) {
    throw new InvalidCursorError();
  }
  const key = position as Key;
  for (const attribute of attributes) {
    const value = key[attribute.name];
    if (value === undefined) throw new InvalidCursorError();
    try {
      checkKeyValueType(spec.name, attribute, value);
    } catch {
      throw new InvalidCursorError();
    }
  }
  return key;
}
