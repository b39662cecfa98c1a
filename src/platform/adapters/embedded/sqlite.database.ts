import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type SQLOutputValue, type StatementSync } from "node:sqlite";

/** Opens (creating if needed) the embedded database: WAL, so readers never wait on the writer. */
export function openSqlite(path: string): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
  return db;
}

/** Runs `work` in one write transaction: it all commits, or on a throw none of it does. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    db.exec("ROLLBACK");
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
