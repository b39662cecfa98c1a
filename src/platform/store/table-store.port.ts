import type { TableSpec } from "./table-spec.ts";

/** A value the store keeps: the JSON data model (DynamoDB's S, N, BOOL, NULL, L and M types). */
export type StoredValue = string | number | boolean | null | StoredValue[] | { [name: string]: StoredValue };
export type Item = Record<string, StoredValue>;
/** Values of the key attributes of a table (partition key, and sort key where the table has one). */
export type Key = Record<string, string | number>;

/** Condition on the item as it is before the write; all of DynamoDB's semantics for missing attributes. */
export type Condition =
  | { readonly attributeExists: string }
  | { readonly attributeNotExists: string }
  | { readonly equals: readonly [attribute: string, value: StoredValue] }
  | { readonly notEquals: readonly [attribute: string, value: StoredValue] }
  | { readonly and: readonly Condition[] }
  | { readonly or: readonly Condition[] };

export type SortCondition =
  | { readonly equals: string | number }
  | { readonly beginsWith: string }
  | { readonly between: readonly [low: string | number, high: string | number] }
  | { readonly lessThan: string | number }
  | { readonly lessThanOrEqual: string | number }
  | { readonly greaterThan: string | number }
  | { readonly greaterThanOrEqual: string | number };

export interface QueryInput {
  /** A global secondary index of the table; omitted, the table itself. */
  readonly index?: string;
  readonly partition: string | number;
  readonly sort?: SortCondition;
  /** `asc` is oldest-first for time-ordered sort keys (the default), `desc` newest-first. */
  readonly order?: "asc" | "desc";
  readonly limit?: number;
  /** Opaque cursor from a previous page of the same query. */
  readonly cursor?: string;
}

/**
 * One page of a whole-table read. Give both segment fields or neither: segment `s` of `totalSegments`
 * reads a disjoint share of the table, so that many workers can read it side by side.
 */
export interface ScanInput {
  readonly limit?: number;
  /** Opaque cursor from a previous page of the same scan (same table, same segment). */
  readonly cursor?: string;
  /** From 0 to totalSegments - 1. */
  readonly segment?: number;
  /** From 1 to MAX_SCAN_SEGMENTS. */
  readonly totalSegments?: number;
}

export interface QueryPage {
  readonly items: Item[];
  /** Present exactly when more items match. */
  readonly cursor?: string;
}

/** Top-level attribute changes; key attributes cannot change. */
export interface ItemChanges {
  readonly set?: Readonly<Record<string, StoredValue>>;
  readonly remove?: readonly string[];
}

export type TransactWrite =
  | { readonly put: { readonly table: TableSpec; readonly item: Item; readonly condition?: Condition } }
  | {
      readonly update: {
        readonly table: TableSpec;
        readonly key: Key;
        readonly changes: ItemChanges;
        readonly condition?: Condition;
      };
    }
  | { readonly delete: { readonly table: TableSpec; readonly key: Key; readonly condition?: Condition } }
  | { readonly check: { readonly table: TableSpec; readonly key: Key; readonly condition: Condition } };

export interface GetOptions {
  /** Also return an item whose TTL has passed but which the store has not deleted yet. */
  readonly includeExpired?: boolean;
}

/** DynamoDB's limit on the actions of one TransactWriteItems call. */
export const MAX_TRANSACTION_ITEMS = 100;
/** DynamoDB's limit on TotalSegments of a parallel Scan (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html). */
export const MAX_SCAN_SEGMENTS = 1_000_000;
/** DynamoDB's limit on the keys of one BatchGetItem call. */
export const MAX_BATCH_GET_KEYS = 100;

/**
 * The single-table store: DynamoDB's item operations, as the services use them.
 * Expired items (TTL attribute in the past by the injected clock) are invisible to every read, except a
 * `get` that asks for them: conditions still see an expired item until TTL deletes it, so a writer that
 * conditions on an item must be able to read what the condition sees.
 */
export interface TableStore {
  get(table: TableSpec, key: Key, options?: GetOptions): Promise<Item | undefined>;
  /** Writes the whole item; throws ConditionFailedError when the condition does not hold. */
  put(table: TableSpec, item: Item, condition?: Condition): Promise<void>;
  /** Creates the item when it does not exist (unless the condition forbids); returns the item after the change. */
  update(table: TableSpec, key: Key, changes: ItemChanges, condition?: Condition): Promise<Item>;
  /** Returns the deleted item, if there was one. */
  delete(table: TableSpec, key: Key, condition?: Condition): Promise<Item | undefined>;
  query(table: TableSpec, input: QueryInput): Promise<QueryPage>;
  /**
   * Every live item of the table once across all pages (and across all segments), in no promised
   * order. For exports and operators' tools only: a scan reads the whole table, so services' request
   * paths read by key or by index instead.
   */
  scan(table: TableSpec, input?: ScanInput): Promise<QueryPage>;
  /** All or nothing; throws TransactionCanceledError with a reason per action when a condition fails. */
  transactWrite(writes: readonly TransactWrite[]): Promise<void>;
  /** Items that exist, in the order of the keys asked for. */
  batchGet(table: TableSpec, keys: readonly Key[]): Promise<Item[]>;
}
