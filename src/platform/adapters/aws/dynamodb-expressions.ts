import { checkChanges } from "../../store/item-changes.ts";
import { checkKeyValueType } from "../../store/key-codec.ts";
import { StoreValidationError } from "../../store/store.errors.ts";
import type { KeyAttribute, TableSpec } from "../../store/table-spec.ts";
import type {
  Condition,
  ItemChanges,
  QueryInput,
  SortCondition,
  StoredValue,
} from "../../store/table-store.port.ts";

export interface ExpressionAttributes {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, StoredValue>;
}

/**
 * Every attribute name and value goes through a #n / :v placeholder, so reserved words and odd
 * characters need no care. DynamoDB refuses unused placeholders and empty maps, hence only what was
 * asked for is returned.
 */
export class Placeholders {
  readonly #names = new Map<string, string>();
  readonly #values: Record<string, StoredValue> = {};
  #valueCount = 0;

  name(attribute: string): string {
    let placeholder = this.#names.get(attribute);
    if (placeholder === undefined) {
      placeholder = `#n${this.#names.size}`;
      this.#names.set(attribute, placeholder);
    }
    return placeholder;
  }

  value(value: StoredValue): string {
    const placeholder = `:v${this.#valueCount++}`;
    this.#values[placeholder] = value;
    return placeholder;
  }

  attributes(): ExpressionAttributes {
    const names = Object.fromEntries([...this.#names].map(([attribute, p]) => [p, attribute]));
    return {
      ...(this.#names.size > 0 ? { ExpressionAttributeNames: names } : {}),
      ...(this.#valueCount > 0 ? { ExpressionAttributeValues: this.#values } : {}),
    };
  }
}

/** A condition expression with DynamoDB's own semantics for missing attributes (`a <> :v` is false). */
export function conditionExpression(condition: Condition, p: Placeholders): string {
  if ("attributeExists" in condition) return `attribute_exists(${p.name(condition.attributeExists)})`;
  if ("attributeNotExists" in condition)
    return `attribute_not_exists(${p.name(condition.attributeNotExists)})`;
  if ("equals" in condition) return `${p.name(condition.equals[0])} = ${p.value(condition.equals[1])}`;
  if ("notEquals" in condition)
    return `${p.name(condition.notEquals[0])} <> ${p.value(condition.notEquals[1])}`;
  const [parts, joiner] = "and" in condition ? [condition.and, " AND "] : [condition.or, " OR "];
  // The grammar has no empty AND / OR; an empty `and` holds and an empty `or` fails, as in the embedded store.
  if (parts.length === 0) return constant("and" in condition, p);
  return `(${parts.map((part) => conditionExpression(part, p)).join(joiner)})`;
}

function constant(holds: boolean, p: Placeholders): string {
  const any = p.name("_");
  return holds
    ? `(attribute_exists(${any}) OR attribute_not_exists(${any}))`
    : `(attribute_exists(${any}) AND attribute_not_exists(${any}))`;
}

/** The key condition of a query on the table or one of its indexes, checked as DynamoDB checks it. */
export function keyConditionExpression(table: TableSpec, input: QueryInput, p: Placeholders): string {
  const index = input.index === undefined ? table : table.indexes?.[input.index];
  if (!index) throw new StoreValidationError(`${table.name} has no index ${input.index}`);
  const { partitionKey, sortKey } = index;
  if (typeof input.partition !== (partitionKey.type === "S" ? "string" : "number")) {
    throw new StoreValidationError(
      `${table.name}: partition value must match the type of ${partitionKey.name}`,
    );
  }
  checkKeyValueType(table.name, partitionKey, input.partition);
  const partition = `${p.name(partitionKey.name)} = ${p.value(input.partition)}`;
  if (!input.sort) return partition;
  if (!sortKey) throw new StoreValidationError(`${table.name}: a sort condition needs a sort key`);
  return `${partition} AND ${sortKeyCondition(table.name, sortKey, input.sort, p)}`;
}

function sortKeyCondition(table: string, attribute: KeyAttribute, condition: SortCondition, p: Placeholders) {
  const check = (value: string | number) => {
    checkKeyValueType(table, attribute, value);
    return p.value(value);
  };
  const name = p.name(attribute.name);
  if ("equals" in condition) return `${name} = ${check(condition.equals)}`;
  if ("beginsWith" in condition) {
    if (attribute.type !== "S")
      throw new StoreValidationError(`${table}: begins_with needs a string sort key`);
    return `begins_with(${name}, ${check(condition.beginsWith)})`;
  }
  if ("between" in condition) {
    const [low, high] = condition.between;
    if (low > high) throw new StoreValidationError(`${table}: between needs the low bound first`);
    return `${name} BETWEEN ${check(low)} AND ${check(high)}`;
  }
  if ("lessThan" in condition) return `${name} < ${check(condition.lessThan)}`;
  if ("lessThanOrEqual" in condition) return `${name} <= ${check(condition.lessThanOrEqual)}`;
  if ("greaterThan" in condition) return `${name} > ${check(condition.greaterThan)}`;
  if ("greaterThanOrEqual" in condition) return `${name} >= ${check(condition.greaterThanOrEqual)}`;
  throw new StoreValidationError("unknown sort-key condition");
}

/** SET and REMOVE clauses for top-level attributes, after the checks both adapters share. */
export function updateExpression(table: TableSpec, changes: ItemChanges, p: Placeholders): string {
  const { set, remove } = checkChanges(table, changes);
  const assignments = Object.entries(set).map(([name, value]) => `${p.name(name)} = ${p.value(value)}`);
  const removals = remove.map((name) => p.name(name));
  return [
    ...(assignments.length > 0 ? [`SET ${assignments.join(", ")}`] : []),
    ...(removals.length > 0 ? [`REMOVE ${removals.join(", ")}`] : []),
  ].join(" ");
}
