import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";

export interface DatabaseOptions {
  /**
   * Connections this process may hold. A Lambda instance serves one request at a time, so 1-2 keeps
   * many warm instances under RDS's max_connections; the local process can use more.
   */
  maxConnections?: number;
  /** Shown in pg_stat_activity, so an operator can tell which service holds a connection. */
  applicationName?: string;
  /** Cancels a statement that runs longer than this on the server, so one slow query cannot pin a connection. */
  statementTimeoutMs?: number;
  /**
   * Called when an idle pooled connection fails (server restart, RDS failover). Without a listener
   * `pg` would raise it as an unhandled 'error' event and end the process; the pool replaces the
   * connection on its own.
   */
  onIdleConnectionError?: (error: Error) => void;
}

/**
 * Opens a Kysely instance on a `pg` pool. Production passes the RDS connection string from config
 * (TLS is asked for in the string, e.g. `?sslmode=verify-full`); tests and the local process pass the
 * embedded server's. No connection is made until the first query.
 */
export function createDatabase<DB>(connectionString: string, options: DatabaseOptions = {}): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? "roster",
    ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
  });
  const onIdleError = options.onIdleConnectionError ?? (() => {});
  pool.on("error", onIdleError);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/** Ends the pool: waits for checked-out connections to be released, then closes them all. */
export async function closeDatabase<DB>(db: Kysely<DB>): Promise<void> {
  await db.destroy();
}
