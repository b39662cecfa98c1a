import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type SQLOutputValue, type StatementSync } from "node:sqlite";

/** One `inOneTransaction` call: its group, whether it is still running, a commit of its writes that failed. */
interface Batch {
  readonly group: string;
  active: boolean;
  failure?: unknown;
}

/** The open transaction of one group's batches, the batches that wrote in it, what waits for its commit. */
interface OpenTransaction {
  readonly group: string;
  readonly writers: Set<Batch>;
  readonly afterCommit: (() => void)[];
}

const currentBatch = new AsyncLocalStorage<Batch>();
const rawExec = (db: DatabaseSync, sql: string) => DatabaseSync.prototype.exec.call(db, sql);

/**
 * The connection every embedded adapter of a process shares. While a batch (`inOneTransaction`) has
 * its transaction open, any statement run from outside that batch first commits it: no other caller
 * reads the batch's writes before they are committed, or has its own writes bound to the batch's fate.
 */
class SharedDatabase extends DatabaseSync {
  /** The batches' transaction open on this connection, if any. */
  pending: OpenTransaction | undefined;

  override prepare(sql: string): StatementSync {
    const statement = super.prepare(sql);
    const settled =
      <A extends unknown[], R>(run: (...args: A) => R) =>
      (...args: A): R => {
        this.settle();
        return run.apply(statement, args);
      };
    const guarded: Record<PropertyKey, unknown> = {
      run: settled(statement.run),
      get: settled(statement.get),
      all: settled(statement.all),
      iterate: settled(statement.iterate),
    };
    return new Proxy(statement, {
      get: (target, property) => {
        if (property in guarded) return guarded[property];
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  override exec(sql: string): void {
    this.settle();
    rawExec(this, sql);
  }

  /** Commits the open transaction unless the caller is a running batch of its group. */
  settle(): void {
    const open = this.pending;
    if (!open) return;
    const caller = currentBatch.getStore();
    if (!caller?.active || caller.group !== open.group) this.commitOpen();
  }

  commitOpen(): void {
    const open = this.pending;
    this.pending = undefined;
    try {
      rawExec(this, "COMMIT");
    } catch (error) {
      // No batch may checkpoint past writes that are gone: the end of each that wrote throws this.
      for (const writer of open?.writers ?? []) writer.failure = error;
      if (this.isTransaction) rawExec(this, "ROLLBACK");
    }
    // Once the caller's statement ran, and outside any batch: a listener woken is not part of one.
    const callbacks = open?.afterCommit ?? [];
    if (callbacks.length > 0)
      currentBatch.exit(() =>
        queueMicrotask(() => {
          for (const callback of callbacks) callback();
        }),
      );
  }

  /** `work` inside the group's transaction (opened on its first write), as one savepoint. */
  write<T>(batch: Batch, work: () => T): T {
    if (!this.pending) {
      rawExec(this, "BEGIN IMMEDIATE");
      this.pending = { group: batch.group, writers: new Set(), afterCommit: [] };
    }
    this.pending.writers.add(batch);
    rawExec(this, "SAVEPOINT roster_write");
    try {
      const result = work();
      rawExec(this, "RELEASE roster_write");
      return result;
    } catch (error) {
      rawExec(this, "ROLLBACK TO roster_write");
      rawExec(this, "RELEASE roster_write");
      throw error;
    }
  }
}

/** Opens (creating if needed) the embedded database: WAL, so readers never wait on the writer. */
export function openSqlite(path: string): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new SharedDatabase(path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
  return db;
}

/**
 * Runs `work` in one write transaction: it all commits, or on a throw none of it does. Inside
 * `inOneTransaction` it is a savepoint of the batch's transaction instead: undone alone on a throw,
 * committed with the batch.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  const batch = currentBatch.getStore();
  if (db instanceof SharedDatabase) {
    db.settle();
    if (batch?.active) return db.write(batch, work);
  }
  rawExec(db, "BEGIN IMMEDIATE");
  try {
    const result = work();
    rawExec(db, "COMMIT");
    return result;
  } catch (error) {
    rawExec(db, "ROLLBACK");
    throw error;
  }
}

/**
 * `LIMIT n` written into a query's text. A bound `LIMIT ?` ties the plan to the value in the SQLite that
 * Node bundles: every new binding of it expires the statement and the next step compiles it again, so
 * each call paid SQLite's parser and planner (issue 16's profile: three quarters of a user read, found
 * with perf on `sqlite3Reprepare` under `sqlite3_step`). Callers keep one statement per distinct limit.
 */
export function limitClause(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(`a LIMIT is a positive integer: ${limit}`);
  return `LIMIT ${limit}`;
}

/** How many prepared statements one cache keeps before it drops its oldest (each is a few KiB). */
const MAX_CACHED_STATEMENTS = 256;

/** Statements prepared once per SQL text, the oldest dropped past a bound (limits vary by caller). */
export class StatementCache {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) {
        const oldest = this.#statements.keys().next().value as string;
        this.#statements.delete(oldest);
      }
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** The statement of `sql` followed by `LIMIT limit`. */
  limited(sql: string, limit: number): StatementSync {
    return this.get(`${sql} ${limitClause(limit)}`);
  }
}

/** One query whose LIMIT varies by call: a statement per limit, prepared on first use. */
export class LimitedQuery {
  readonly #statements: StatementCache;
  readonly #sql: string;

  constructor(db: DatabaseSync, sql: string) {
    this.#statements = new StatementCache(db);
    this.#sql = sql;
  }

  all(limit: number, ...params: SQLInputValue[]): Record<string, SQLOutputValue>[] {
    return this.#statements.limited(this.#sql, limit).all(...params);
  }
}

/**
 * Calls `callback` once what was written so far on `db` is committed: now, or just after the batch's
 * transaction open on it ends (also when its commit failed: a wake-up of pollers that find nothing new).
 * For the adapters' "appended" listeners.
 */
export function afterCommit(db: DatabaseSync, callback: () => void): void {
  if (db instanceof SharedDatabase && db.pending) db.pending.afterCommit.push(callback);
  else callback();
}

/**
 * Runs `work` (one handler invocation) with every `inTransaction` it makes on `db` in one SQLite
 * transaction, committed when `work` settles, whether it succeeded or threw: each write stays all or
 * nothing, as a savepoint, so what `work` answers about its records is what was written. A crash before
 * the commit loses the whole batch's writes instead of those after the last write, and the mapping
 * redelivers the batch either way. Running batches of one `group` (the shards of one mapping) share the
 * transaction, which the end of any of them commits; anything else on the connection commits it first.
 * Throws when the commit failed. A database not opened by `openSqlite` runs `work` as it is.
 */
export async function inOneTransaction<T>(
  db: DatabaseSync,
  group: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!(db instanceof SharedDatabase)) return work();
  const batch: Batch = { group, active: true };
  const settled = await currentBatch.run(batch, work).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  batch.active = false;
  if (db.pending?.writers.has(batch)) db.commitOpen();
  if (batch.failure !== undefined) throw batch.failure;
  if (!settled.ok) throw settled.error;
  return settled.value;
}
