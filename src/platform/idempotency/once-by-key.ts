import { TransactionCanceledError } from "../store/store.errors.ts";
import type { TableSpec } from "../store/table-spec.ts";
import type { Item, Key, TableStore, TransactWrite } from "../store/table-store.port.ts";

/**
 * A key used again with other parameters (Stripe's `idempotency_error`: "Keys for idempotent requests
 * can only be used with the same parameters they were first used with"). Only when a fingerprint is given.
 */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = "IdempotencyKeyReusedError";
}

export interface OnceByKeyOptions {
  /** What identifies the request's parameters; a later call with the key and another one is refused. */
  readonly fingerprint?: string;
}

type Effect<T> = () => Promise<{ readonly result: T; readonly writes: readonly TransactWrite[] }>;

/**
 * The sandboxes' idempotency (shared by every service's sandboxes): the first call with a key writes its
 * effect and its result in one transaction, the result's item conditional on the key being new; a later
 * call with that key (or one that lost the race for it) answers the stored result and writes nothing.
 */
export async function onceByKey<T>(
  store: TableStore,
  table: TableSpec,
  key: Key,
  effect: Effect<T>,
  options: OnceByKeyOptions = {},
): Promise<T> {
  return (await onceByKeyTold(store, table, key, effect, options)).result;
}

/** As onceByKey, also telling whether this call made the effect (`first`) or answered a stored result. */
export async function onceByKeyTold<T>(
  store: TableStore,
  table: TableSpec,
  key: Key,
  effect: Effect<T>,
  options: OnceByKeyOptions = {},
): Promise<{ readonly result: T; readonly first: boolean }> {
  const stored = await storedResult<T>(store, table, key, options);
  if (stored !== undefined) return { result: stored, first: false };
  const { result, writes } = await effect();
  const item: Item = { ...key, result: JSON.stringify(result) };
  if (options.fingerprint !== undefined) item.fingerprint = options.fingerprint;
  try {
    await store.transactWrite([
      {
        put: {
          table,
          item,
          condition: { attributeNotExists: "pk" },
        },
      },
      ...writes,
    ]);
    return { result, first: true };
  } catch (error) {
    const winner =
      error instanceof TransactionCanceledError
        ? await storedResult<T>(store, table, key, options)
        : undefined;
    if (winner !== undefined) return { result: winner, first: false };
    throw error;
  }
}

async function storedResult<T>(
  store: TableStore,
  table: TableSpec,
  key: Key,
  options: OnceByKeyOptions,
): Promise<T | undefined> {
  const item = await store.get(table, key);
  if (item === undefined) return undefined;
  if (options.fingerprint !== undefined && item.fingerprint !== options.fingerprint) {
    throw new IdempotencyKeyReusedError("this idempotency key was first used with other parameters");
  }
  return JSON.parse(item.result as string) as T;
}
