import type { SQLInputValue } from "node:sqlite";
import { checkKeyValueType } from "../../store/key-codec.ts";
import { StoreValidationError } from "../../store/store.errors.ts";
import type { KeyAttribute, TableSpec } from "../../store/table-spec.ts";
import type { Item, Key, QueryInput, QueryPage, SortCondition } from "../../store/table-store.port.ts";

/** SQL for a sort-key condition on `column`, with DynamoDB's rules on types and ranges. */
export function sortConditionSql(
  table: string,
  attribute: KeyAttribute,
  column: string,
  condition: SortCondition,
): { sql: string; params: SQLInputValue[] } {
  const check = (value: string | number) => checkKeyValueType(table, attribute, value);
  if ("equals" in condition) {
    check(condition.equals);
    return { sql: `${column} = ?`, params: [condition.equals] };
  }
  if ("beginsWith" in condition) {
    if (attribute.type !== "S")
      throw new StoreValidationError(`${table}: begins_with needs a string sort key`);
    check(condition.beginsWith);
    const prefix = condition.beginsWith;
    return {
      sql: `(${column} >= ? AND substr(${column}, 1, ?) = ?)`,
      params: [prefix, prefix.length, prefix],
    };
  }
  if ("between" in condition) {
    const [low, high] = condition.between;
    check(low);
    check(high);
    if (low > high) throw new StoreValidationError(`${table}: between needs the low bound first`);
    return { sql: `${column} BETWEEN ? AND ?`, params: [low, high] };
  }
  const [op, value] = comparison(condition);
  check(value);
  return { sql: `${column} ${op} ?`, params: [value] };
}

function comparison(condition: SortCondition): [string, string | number] {
  if ("lessThan" in condition) return ["<", condition.lessThan];
  if ("lessThanOrEqual" in condition) return ["<=", condition.lessThanOrEqual];
  if ("greaterThan" in condition) return [">", condition.greaterThan];
  if ("greaterThanOrEqual" in condition) return [">=", condition.greaterThanOrEqual];
  throw new StoreValidationError("unknown sort-key condition");
}

/** Sort key column value of a table or index without a sort key. */
export const NO_SORT_KEY = "";

/** The item's key as the items table's (pk, sk) columns. */
export function keyColumns(table: TableSpec, key: Key): [SQLInputValue, SQLInputValue] {
  const pk = key[table.partitionKey.name] as string | number;
  const sk = table.sortKey ? (key[table.sortKey.name] as string | number) : NO_SORT_KEY;
  return [pk, sk];
}

/**
 * The SELECT for a query page on the table or a GSI: sort-key condition, cursor position (keyset),
 * TTL filter and order; the caller adds the LIMIT (`StatementCache.limited`).
 */
export function querySql(
  name: string,
  table: TableSpec,
  input: QueryInput,
  nowSeconds: number,
  /** The position the query's cursor holds (the store opened it). */
  after?: Key,
): { sql: string; params: SQLInputValue[] } {
  const desc = input.order === "desc";
  const dir = desc ? "DESC" : "ASC";
  const cmp = desc ? "<" : ">";
  const now = nowSeconds;
  const index = input.index === undefined ? undefined : table.indexes?.[input.index];
  if (input.index !== undefined && !index)
    throw new StoreValidationError(`${name} has no index ${input.index}`);
  const partitionKey = index ? index.partitionKey : table.partitionKey;
  const sortKey = index ? index.sortKey : table.sortKey;
  checkKeyValueType(name, partitionKey, input.partition);
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  const sortColumn = index ? "e.isk" : "i.sk";
  if (input.sort) {
    if (!sortKey) throw new StoreValidationError(`${name}: a sort condition needs a sort key`);
    const condition = sortConditionSql(name, sortKey, sortColumn, input.sort);
    where.push(condition.sql);
    params.push(...condition.params);
  }
  if (after) {
    const at = after;
    const [pk, sk] = keyColumns(table, at);
    if (index) {
      const isk = index.sortKey ? (at[index.sortKey.name] as SQLInputValue) : NO_SORT_KEY;
      where.push(`(e.isk, e.pk, e.sk) ${cmp} (?, ?, ?)`);
      params.push(isk, pk, sk);
    } else {
      where.push(`i.sk ${cmp} ?`);
      params.push(sk);
    }
  }
  const filters = where.map((w) => ` AND ${w}`).join("");
  const live = " AND (i.expires_at IS NULL OR i.expires_at >= ?)";
  if (index) {
    const sql =
      "SELECT i.body FROM index_entries e JOIN items i ON i.tbl = e.tbl AND i.pk = e.pk AND i.sk = e.sk" +
      ` WHERE e.tbl = ? AND e.idx = ? AND e.ipk = ?${filters}${live}` +
      ` ORDER BY e.isk ${dir}, e.pk ${dir}, e.sk ${dir}`;
    return { sql, params: [name, input.index as string, input.partition, ...params, now] };
  }
  const sql = `SELECT i.body FROM items i WHERE i.tbl = ? AND i.pk = ?${filters}${live} ORDER BY i.sk ${dir}`;
  return { sql, params: [name, input.partition, ...params, now] };
}

/**
 * A page of the rows a query or scan read (one more than `pageSize` when more follow). The cursor is
 * sealed when it is first read, once: sealing (AES-GCM and a fresh IV) costs more than the point query,
 * and a caller that takes the first item only (a user's current version) never reads it.
 */
export function pageOfRows(
  rows: readonly { body: string }[],
  pageSize: number,
  seal: (last: Item) => string,
): QueryPage {
  const items = rows.slice(0, pageSize).map((row) => JSON.parse(row.body) as Item);
  const last = items.at(-1);
  if (rows.length <= pageSize || !last) return { items };
  let sealed: string | undefined;
  return Object.defineProperty({ items } as QueryPage, "cursor", {
    enumerable: true,
    get: () => {
      sealed ??= seal(last);
      return sealed;
    },
  });
}
