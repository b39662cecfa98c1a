import type { DatabaseSync, StatementSync } from "node:sqlite";
import { sameValue } from "../../store/condition.evaluator.ts";
import { CursorCodec } from "../../store/cursor-codec.ts";
import { checkItem } from "../../store/item.validation.ts";
import {
  checkKey,
  decodeCursor,
  decodeScanCursor,
  encodeCursor,
  encodeScanCursor,
  hasIndexKeys,
  indexKeyOf,
  tableKeyOf,
} from "../../store/key-codec.ts";
import { checkScanInput } from "../../store/scan-input.validation.ts";
import { ConditionFailedError, StoreValidationError } from "../../store/store.errors.ts";
import { physicalTableName, type TableSpec } from "../../store/table-spec.ts";
import {
  type Condition,
  type GetOptions,
  type Item,
  type ItemChanges,
  type Key,
  MAX_BATCH_GET_KEYS,
  type QueryInput,
  type QueryPage,
  type ScanInput,
  type TableStore,
  type TransactWrite,
} from "../../store/table-store.port.ts";
import { type Clock, unixSeconds } from "../../time/clock.port.ts";
import { ChangeLog } from "./change-log.ts";
import { inTransaction, StatementCache } from "./sqlite.database.ts";
import { keyColumns, NO_SORT_KEY, pageOfRows, querySql } from "./sqlite-query.ts";
import { registerScanSegment, scanSql } from "./sqlite-scan.ts";
import { planTransaction, targetTable, type WriteStep } from "./sqlite-transaction.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS items (
  tbl TEXT NOT NULL, pk NOT NULL, sk NOT NULL, body TEXT NOT NULL, expires_at INTEGER,
  PRIMARY KEY (tbl, pk, sk)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_expiry ON items (tbl, expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS index_entries (
  tbl TEXT NOT NULL, idx TEXT NOT NULL, ipk NOT NULL, isk NOT NULL, pk NOT NULL, sk NOT NULL,
  PRIMARY KEY (tbl, idx, ipk, isk, pk, sk)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS index_entries_item ON index_entries (tbl, pk, sk);`;

/** The most rows one query page reads (DynamoDB stops a page at 1 MB; the embedded store at this count). */
const MAX_QUERY_ROWS = 10_000;

/**
 * The single-table store on node:sqlite: every logical table in one database file, GSIs as an
 * index table kept in the same transaction, and the change feed appended in that transaction too.
 * Untyped key columns let SQLite compare numbers numerically and strings bytewise, as DynamoDB does.
 */
export class SqliteTableStore implements TableStore {
  readonly changes: ChangeLog;
  readonly #db: DatabaseSync;
  readonly #stage: string;
  readonly #clock: Clock;
  readonly #cursors: CursorCodec;
  readonly #getRow: StatementSync;
  /** Prepared once per distinct SQL text: preparing costs more than running a point query. */
  readonly #statements: StatementCache;

  /**
   * `cursors` seals the page cursors it hands out; by default a codec of its own (cursors honoured by
   * this instance only, enough for one process: the local runtime passes the data folder's key).
   */
  constructor(
    db: DatabaseSync,
    stage: string,
    clock: Clock,
    cursors: CursorCodec = CursorCodec.ephemeral(clock),
  ) {
    db.exec(SCHEMA);
    registerScanSegment(db);
    this.#db = db;
    this.#stage = stage;
    this.#clock = clock;
    this.#cursors = cursors;
    this.#statements = new StatementCache(db);
    this.changes = new ChangeLog(db);
    this.#getRow = db.prepare("SELECT body, expires_at FROM items WHERE tbl = ? AND pk = ? AND sk = ?");
  }

  #sql(text: string): StatementSync {
    return this.#statements.get(text);
  }

  tableName(spec: TableSpec): string {
    return physicalTableName(this.#stage, spec);
  }

  async get(table: TableSpec, key: Key, options: GetOptions = {}): Promise<Item | undefined> {
    const row = this.#row(table, checkKey(table, key));
    return row && (options.includeExpired || this.#visible(row.expires_at)) ? row.item : undefined;
  }

  async put(table: TableSpec, item: Item, condition?: Condition): Promise<void> {
    this.#apply([{ put: { table, item, ...(condition ? { condition } : {}) } }], true);
  }

  async update(table: TableSpec, key: Key, changes: ItemChanges, condition?: Condition): Promise<Item> {
    const [step] = this.#apply(
      [{ update: { table, key, changes, ...(condition ? { condition } : {}) } }],
      true,
    );
    return step?.after as Item;
  }

  async delete(table: TableSpec, key: Key, condition?: Condition): Promise<Item | undefined> {
    const [step] = this.#apply([{ delete: { table, key, ...(condition ? { condition } : {}) } }], true);
    return step?.before;
  }

  async transactWrite(writes: readonly TransactWrite[]): Promise<void> {
    this.#apply(writes, false);
  }

  async batchGet(table: TableSpec, keys: readonly Key[]): Promise<Item[]> {
    if (keys.length === 0 || keys.length > MAX_BATCH_GET_KEYS) {
      throw new StoreValidationError(`a batch get takes 1 to ${MAX_BATCH_GET_KEYS} keys`);
    }
    const found: Item[] = [];
    for (const key of keys) {
      const item = await this.get(table, key);
      if (item) found.push(item);
    }
    return found;
  }

  async query(table: TableSpec, input: QueryInput): Promise<QueryPage> {
    const limit = input.limit ?? MAX_QUERY_ROWS;
    if (!Number.isInteger(limit) || limit < 1)
      throw new StoreValidationError("limit must be a positive integer");
    const pageSize = Math.min(limit, MAX_QUERY_ROWS);
    const after = input.cursor ? decodeCursor(this.#cursors, table, input, input.cursor) : undefined;
    const now = unixSeconds(this.#clock.now());
    const { sql, params } = querySql(this.tableName(table), table, input, now, after);
    const rows = this.#statements.limited(sql, pageSize + 1).all(...params) as { body: string }[];
    return pageOfRows(rows, pageSize, (last) => encodeCursor(this.#cursors, table, input, last));
  }

  /** The table's live items in (pk, sk) order; a segment is those whose key hashes to it (sqlite-scan.ts). */
  async scan(table: TableSpec, input: ScanInput = {}): Promise<QueryPage> {
    checkScanInput(table, input);
    const pageSize = Math.min(input.limit ?? MAX_QUERY_ROWS, MAX_QUERY_ROWS);
    const after =
      input.cursor === undefined ? undefined : decodeScanCursor(this.#cursors, table, input, input.cursor);
    const now = unixSeconds(this.#clock.now());
    const { sql, params } = scanSql(this.tableName(table), table, input, now, after);
    const rows = this.#statements.limited(sql, pageSize + 1).all(...params) as { body: string }[];
    return pageOfRows(rows, pageSize, (last) => encodeScanCursor(this.#cursors, table, input, last));
  }

  /** Deletes the expired items of `tables`, each with a REMOVE change marked as DynamoDB's own (TTL). */
  sweepExpired(tables: readonly TableSpec[]): number {
    const now = this.#clock.now();
    let swept = 0;
    for (const table of tables.filter((t) => t.ttlAttribute)) {
      const rows = this.#sql(
        "SELECT body FROM items WHERE tbl = ? AND expires_at IS NOT NULL AND expires_at < ? LIMIT 1000",
      ).all(this.tableName(table), unixSeconds(now)) as { body: string }[];
      inTransaction(this.#db, () => {
        for (const row of rows) {
          const before = JSON.parse(row.body) as Item;
          this.#write(table, tableKeyOf(table, before), before, undefined, now, true);
        }
      });
      swept += rows.length;
    }
    return swept;
  }

  /** Plans and writes inside one SQLite transaction, so no other writer can come between. */
  #apply(writes: readonly TransactWrite[], single: boolean): WriteStep[] {
    const now = this.#clock.now();
    return inTransaction(this.#db, () => {
      const plan = planTransaction(writes, (spec, key) => this.#row(spec, key)?.item);
      if (plan.failedIndex !== undefined) {
        throw single ? new ConditionFailedError(this.tableName(targetTable(writes[0]))) : plan.error;
      }
      for (const step of plan.steps) {
        if (step.writes) this.#write(step.table, step.key, step.before, step.after, now, false);
      }
      return plan.steps;
    });
  }

  #write(
    table: TableSpec,
    key: Key,
    before: Item | undefined,
    after: Item | undefined,
    at: Date,
    ttl: boolean,
  ): void {
    const name = this.tableName(table);
    const [pk, sk] = keyColumns(table, key);
    // Index entries exist only beside a stored item (`before`) with index keys: most writes skip this.
    if (before && hasIndexKeys(table, before))
      this.#sql("DELETE FROM index_entries WHERE tbl = ? AND pk = ? AND sk = ?").run(name, pk, sk);
    if (after) {
      checkItem(name, after);
      const expiresAt = table.ttlAttribute ? after[table.ttlAttribute] : undefined;
      this.#sql("INSERT OR REPLACE INTO items (tbl, pk, sk, body, expires_at) VALUES (?, ?, ?, ?, ?)").run(
        name,
        pk,
        sk,
        JSON.stringify(after),
        typeof expiresAt === "number" ? expiresAt : null,
      );
      for (const indexName of Object.keys(table.indexes ?? {})) {
        const entry = indexKeyOf(table, indexName, after);
        if (!entry) continue;
        this.#sql("INSERT INTO index_entries (tbl, idx, ipk, isk, pk, sk) VALUES (?, ?, ?, ?, ?, ?)").run(
          name,
          indexName,
          entry.partition,
          entry.sort ?? NO_SORT_KEY,
          pk,
          sk,
        );
      }
    } else {
      this.#sql("DELETE FROM items WHERE tbl = ? AND pk = ? AND sk = ?").run(name, pk, sk);
    }
    if (!table.stream || (before && after && sameValue(before, after)) || (!before && !after)) return;
    const eventName = !before ? "INSERT" : !after ? "REMOVE" : "MODIFY";
    this.changes.append({
      table: name,
      eventName,
      keys: key,
      at,
      ...(after ? { newImage: after } : {}),
      ...(before ? { oldImage: before } : {}),
      ...(ttl ? { byService: true } : {}),
    });
  }

  #row(table: TableSpec, key: Key): { item: Item; expires_at: number | null } | undefined {
    const [pk, sk] = keyColumns(table, key);
    const row = this.#getRow.get(this.tableName(table), pk, sk) as
      | { body: string; expires_at: number | null }
      | undefined;
    return row && { item: JSON.parse(row.body) as Item, expires_at: row.expires_at };
  }

  #visible(expiresAt: number | null): boolean {
    return expiresAt === null || expiresAt >= unixSeconds(this.#clock.now());
  }
}
