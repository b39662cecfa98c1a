import type { SQLInputValue } from "node:sqlite";
import { checkKeyValueType } from "../../store/key-codec.ts";
import { StoreValidationError } from "../../store/store.errors.ts";
import type { KeyAttribute } from "../../store/table-spec.ts";
import type { SortCondition } from "../../store/table-store.port.ts";

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
