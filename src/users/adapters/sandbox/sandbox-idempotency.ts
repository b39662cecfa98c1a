import { TransactionCanceledError } from "../../../platform/store/store.errors.ts";
import type { TableSpec } from "../../../platform/store/table-spec.ts";
import type { Key, TableStore, TransactWrite } from "../../../platform/store/table-store.port.ts";

/**
 * The sandboxes' idempotency: the first call with a key writes its effect and its result in one
 * transaction, the result's item conditional on the key being new; a later call with that key (or one
 * that lost the race for it) answers the stored result and writes nothing.
 */
export async function onceByKey<T>(
  store: TableStore,
  table: TableSpec,
  key: Key,
  effect: () => Promise<{ readonly result: T; readonly writes: readonly TransactWrite[] }>,
): Promise<T> {
  return (await onceByKeyTold(store, table, key, effect)).result;
}

/** As onceByKey, also telling whether this call made the effect (`first`) or answered a stored result. */
export async function onceByKeyTold<T>(
  store: TableStore,
  table: TableSpec,
  key: Key,
  effect: () => Promise<{ readonly result: T; readonly writes: readonly TransactWrite[] }>,
): Promise<{ readonly result: T; readonly first: boolean }> {
  const stored = await storedResult<T>(store, table, key);
  if (stored !== undefined) return { result: stored, first: false };
  const { result, writes } = await effect();
  try {
    await store.transactWrite([
      {
        put: {
          table,
          item: { ...key, result: JSON.stringify(result) },
          condition: { attributeNotExists: "pk" },
        },
      },
      ...writes,
    ]);
    return { result, first: true };
  } catch (error) {
    const winner =
      error instanceof TransactionCanceledError ? await storedResult<T>(store, table, key) : undefined;
    if (winner !== undefined) return { result: winner, first: false };
    throw error;
  }
}

async function storedResult<T>(store: TableStore, table: TableSpec, key: Key): Promise<T | undefined> {
  const item = await store.get(table, key);
  return item === undefined ? undefined : (JSON.parse(item.result as string) as T);
}
