import { conditionHolds } from "../../store/condition.evaluator.ts";
import { withoutUndefined } from "../../store/item.validation.ts";
import { type CheckedChanges, checkChanges } from "../../store/item-changes.ts";
import { checkKey, tableKeyOf } from "../../store/key-codec.ts";
import {
  type CancellationReason,
  StoreValidationError,
  TransactionCanceledError,
} from "../../store/store.errors.ts";
import type { TableSpec } from "../../store/table-spec.ts";
import {
  type Condition,
  type Item,
  type Key,
  MAX_TRANSACTION_ITEMS,
  type TransactWrite,
} from "../../store/table-store.port.ts";

export interface WriteStep {
  readonly table: TableSpec;
  readonly key: Key;
  readonly before: Item | undefined;
  /** The item after the write; undefined for a delete. */
  readonly after: Item | undefined;
  /** A condition check writes nothing. */
  readonly writes: boolean;
}

export type TransactionPlan =
  | { readonly steps: WriteStep[]; readonly failedIndex?: undefined }
  | { readonly failedIndex: number; readonly error: TransactionCanceledError };

/**
 * Checks the actions the way DynamoDB's TransactWriteItems does, evaluates every condition against
 * the items as they are, and computes each item after the write. Writes nothing itself.
 */
export function planTransaction(
  writes: readonly TransactWrite[],
  read: (table: TableSpec, key: Key) => Item | undefined,
): TransactionPlan {
  if (writes.length === 0 || writes.length > MAX_TRANSACTION_ITEMS) {
    throw new StoreValidationError(`a transaction takes 1 to ${MAX_TRANSACTION_ITEMS} actions`);
  }
  const targets = new Set<string>();
  const steps: WriteStep[] = [];
  const reasons: CancellationReason[] = [];
  for (const write of writes) {
    const { table, key, condition, after, writes: writesItem } = describe(write);
    const target = `${table.name}\u0000${JSON.stringify(key)}`;
    if (targets.has(target)) {
      throw new StoreValidationError("a transaction cannot include multiple operations on one item");
    }
    targets.add(target);
    const before = read(table, key);
    reasons.push(condition && !conditionHolds(condition, before) ? "ConditionalCheckFailed" : "None");
    steps.push({ table, key, before, after: after(before), writes: writesItem });
  }
  const failedIndex = reasons.indexOf("ConditionalCheckFailed");
  if (failedIndex >= 0) return { failedIndex, error: new TransactionCanceledError(reasons) };
  return { steps };
}

interface Described {
  table: TableSpec;
  key: Key;
  condition: Condition | undefined;
  after: (before: Item | undefined) => Item | undefined;
  writes: boolean;
}

function describe(write: TransactWrite): Described {
  if ("put" in write) {
    const { table, item, condition } = write.put;
    const key = tableKeyOf(table, item);
    return { table, key, condition, after: () => withoutUndefined(item), writes: true };
  }
  if ("update" in write) {
    const { table, changes, condition } = write.update;
    const key = checkKey(table, write.update.key);
    const checked = checkChanges(table, changes);
    return { table, key, condition, after: (before) => applyChanges(before ?? key, checked), writes: true };
  }
  if ("delete" in write) {
    const { table, condition } = write.delete;
    return { table, key: checkKey(table, write.delete.key), condition, after: () => undefined, writes: true };
  }
  const { table, condition } = write.check;
  return {
    table,
    key: checkKey(table, write.check.key),
    condition,
    after: (before) => before,
    writes: false,
  };
}

function applyChanges(before: Item, changes: CheckedChanges): Item {
  const after: Item = { ...before, ...withoutUndefined({ ...changes.set }) };
  for (const name of changes.remove) delete after[name];
  return after;
}

export function targetTable(write: TransactWrite | undefined): TableSpec {
  if (!write) throw new StoreValidationError("no write given");
  if ("put" in write) return write.put.table;
  if ("update" in write) return write.update.table;
  if ("delete" in write) return write.delete.table;
  return write.check.table;
}
