import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { CursorCodec } from "../../store/cursor-codec.ts";
import { checkItem } from "../../store/item.validation.ts";
import { checkKey, decodeCursor, decodeScanCursor, tableKeyOf } from "../../store/key-codec.ts";
import { StoreValidationError } from "../../store/store.errors.ts";
import { keyAttributesOf, type TableSpec } from "../../store/table-spec.ts";
import {
  type Condition,
  type Item,
  type ItemChanges,
  type Key,
  MAX_TRANSACTION_ITEMS,
  type QueryInput,
  type ScanInput,
  type TransactWrite,
} from "../../store/table-store.port.ts";
import {
  conditionExpression,
  keyConditionExpression,
  Placeholders,
  updateExpression,
} from "./dynamodb-expressions.ts";

/**
 * The parameters shared by a single write and the same action inside TransactWriteItems, after the
 * store's own checks, so both adapters refuse the same requests with the same StoreValidationError.
 */
type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export function putRequest(tableName: string, table: TableSpec, item: Item, condition?: Condition) {
  tableKeyOf(table, item);
  checkItem(tableName, item);
  const p = new Placeholders();
  const conditionText = condition && conditionExpression(condition, p);
  return {
    TableName: tableName,
    Item: item,
    ...(conditionText ? { ConditionExpression: conditionText } : {}),
    ...p.attributes(),
  };
}

export function updateRequest(
  tableName: string,
  table: TableSpec,
  key: Key,
  changes: ItemChanges,
  condition?: Condition,
) {
  const checkedKey = checkKey(table, key);
  checkItem(tableName, { ...(changes.set ?? {}) });
  const p = new Placeholders();
  const update = updateExpression(table, changes, p);
  const conditionText = condition && conditionExpression(condition, p);
  return {
    TableName: tableName,
    Key: checkedKey,
    UpdateExpression: update,
    ...(conditionText ? { ConditionExpression: conditionText } : {}),
    ...p.attributes(),
  };
}

/** Also serves a transaction's condition check, which has the same shape with a required condition. */
export function deleteRequest(tableName: string, table: TableSpec, key: Key, condition?: Condition) {
  const checkedKey = checkKey(table, key);
  const p = new Placeholders();
  const conditionText = condition && conditionExpression(condition, p);
  return {
    TableName: tableName,
    Key: checkedKey,
    ...(conditionText ? { ConditionExpression: conditionText } : {}),
    ...p.attributes(),
  };
}

/** TransactWriteItems input, refusing (like DynamoDB) an empty or too long list and two actions on one item. */
export function transactItems(
  writes: readonly TransactWrite[],
  tableName: (table: TableSpec) => string,
): TransactItem[] {
  if (writes.length === 0 || writes.length > MAX_TRANSACTION_ITEMS) {
    throw new StoreValidationError(`a transaction takes 1 to ${MAX_TRANSACTION_ITEMS} actions`);
  }
  const targets = new Set<string>();
  return writes.map((write) => {
    const { item, table, key } = transactItem(write, tableName);
    const target = `${table.name}\u0000${JSON.stringify(key)}`;
    if (targets.has(target)) {
      throw new StoreValidationError("a transaction cannot include multiple operations on one item");
    }
    targets.add(target);
    return item;
  });
}

function transactItem(
  write: TransactWrite,
  tableName: (table: TableSpec) => string,
): { item: TransactItem; table: TableSpec; key: Key } {
  if ("put" in write) {
    const { table, item, condition } = write.put;
    return {
      item: { Put: putRequest(tableName(table), table, item, condition) },
      table,
      key: tableKeyOf(table, item),
    };
  }
  if ("update" in write) {
    const { table, key, changes, condition } = write.update;
    const Update = updateRequest(tableName(table), table, key, changes, condition);
    return { item: { Update }, table, key: Update.Key };
  }
  if ("delete" in write) {
    const { table, key, condition } = write.delete;
    const Delete = deleteRequest(tableName(table), table, key, condition);
    return { item: { Delete }, table, key: Delete.Key };
  }
  const { table, key, condition } = write.check;
  const request = deleteRequest(tableName(table), table, key, condition);
  const { ConditionExpression } = request;
  if (!ConditionExpression)
    throw new StoreValidationError(`${table.name}: a condition check needs a condition`);
  return { item: { ConditionCheck: { ...request, ConditionExpression } }, table, key: request.Key };
}

/** What every page of one query shares; Limit and ExclusiveStartKey change from page to page. */
export function queryRequest(tableName: string, table: TableSpec, input: QueryInput) {
  const p = new Placeholders();
  const keyCondition = keyConditionExpression(table, input, p);
  return {
    TableName: tableName,
    // Strongly consistent on the table; DynamoDB refuses ConsistentRead on a GSI.
    ...(input.index === undefined ? { ConsistentRead: true } : { IndexName: input.index }),
    KeyConditionExpression: keyCondition,
    ...p.attributes(),
    ScanIndexForward: input.order !== "desc",
  };
}

/** A cursor holds the key attributes (index and table) of the last item returned: an ExclusiveStartKey. */
export function startKeyOf(cursors: CursorCodec, table: TableSpec, input: QueryInput, cursor: string): Key {
  const position = decodeCursor(cursors, table, input, cursor);
  return Object.fromEntries(
    keyAttributesOf(table, input.index).map((a) => [a.name, position[a.name] as string | number]),
  );
}

/** What every page of one scan shares; Limit and ExclusiveStartKey change from page to page. */
export function scanRequest(tableName: string, input: ScanInput) {
  const { segment, totalSegments } = input;
  return {
    TableName: tableName,
    // An export should not miss a write acknowledged before it started; Scan allows strong reads.
    ConsistentRead: true,
    ...(segment !== undefined && totalSegments !== undefined
      ? { Segment: segment, TotalSegments: totalSegments }
      : {}),
  };
}

/** A scan's cursor holds the table key of the last item returned: an ExclusiveStartKey. */
export function scanStartKeyOf(
  cursors: CursorCodec,
  table: TableSpec,
  input: ScanInput,
  cursor: string,
): Key {
  const position = decodeScanCursor(cursors, table, input, cursor);
  return Object.fromEntries(keyAttributesOf(table).map((a) => [a.name, position[a.name] as string | number]));
}

/** The item's TTL attribute holds a Unix time before `nowSeconds`: DynamoDB may still return it, we do not. */
export function isExpired(table: TableSpec, item: Item, nowSeconds: number): boolean {
  const expiresAt = table.ttlAttribute === undefined ? undefined : item[table.ttlAttribute];
  return typeof expiresAt === "number" && expiresAt < nowSeconds;
}
