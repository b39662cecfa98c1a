import { Kysely, PostgresDialect, type PostgresPool } from "kysely";
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
  /** Closes a connection once it has served this many checkouts (the next one opens afresh); default: never. */
  maxUsesPerConnection?: number;
  /**
   * Called when an idle pooled connection fails (server restart, RDS failover). Without a listener
   * `pg` would raise it as an unhandled 'error' event and end the process; the pool replaces the
   * connection on its own.
   */
  onIdleConnectionError?: (error: Error) => void;
}

/** A password that can change while the process runs (a rotated secret). */
export interface RotatingPassword {
  /** The password for a new connection: pg asks for it each time it opens one. */
  current(): Promise<string>;
  /** The server refused the last one given: the next `current()` must read its source afresh. */
  refused(): void;
}

/**
 * A server reached with a password read per connection. (pg drops a password function when a
 * `connectionString` is given, so the endpoint is spelled out.)
 */
export interface PostgresEndpoint {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: RotatingPassword;
  /**
   * TLS with the server's certificate and host name verified (libpq's `sslmode=verify-full`; pg's
   * `ssl: true`); false only for a server on this machine.
   */
  readonly verifiedTls: boolean;
}

/** A connection string (its password fixed), or an endpoint whose password may rotate. */
export type DatabaseTarget = string | PostgresEndpoint;

/**
 * SQLSTATE class 28, "invalid authorization specification": 28P01 is a refused password, 28000 the
 * class's generic code (a pg_hba refusal, or a proxy's).
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const AUTHENTICATION_FAILED = new Set(["28P01", "28000"]);

const isAuthenticationFailure = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  AUTHENTICATION_FAILED.has(String((error as { code?: unknown }).code));

/**
 * Opens a Kysely instance on a `pg` pool. Production passes the RDS Proxy endpoint and the secret's
 * rotating password, or a connection string from config (TLS asked for in it, e.g.
 * `?sslmode=verify-full`); tests and the local process pass the embedded server's. No connection is
 * made until the first query.
 */
export function createDatabase<DB>(target: DatabaseTarget, options: DatabaseOptions = {}): Kysely<DB> {
  const pool = new pg.Pool({
    ...(typeof target === "string" ? { connectionString: target } : endpointConfig(target)),
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? "roster",
    ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
    ...(options.maxUsesPerConnection === undefined ? {} : { maxUses: options.maxUsesPerConnection }),
  });
  const onIdleError = options.onIdleConnectionError ?? (() => {});
  pool.on("error", onIdleError);
  const dialectPool = typeof target === "string" ? pool : reauthenticating(pool, target.password);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: dialectPool }) });
}

function endpointConfig(endpoint: PostgresEndpoint): pg.PoolConfig {
  return {
    host: endpoint.host,
    port: endpoint.port,
    database: endpoint.database,
    user: endpoint.user,
    // Called by pg for each new connection (pg 8: `password: () => string | Promise<string>`).
    password: () => endpoint.password.current(),
    ssl: endpoint.verifiedTls,
  };
}

/**
 * A refused password marks it stale and the connection is tried once more, with a fresh read: a
 * rotated secret costs the request nothing. A second refusal (the secret not yet updated, mid-rotation)
 * fails the request; the next connection reads the secret again.
 */
function reauthenticating(pool: pg.Pool, password: RotatingPassword): PostgresPool {
  const connect = async (attemptsLeft: number): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      if (!isAuthenticationFailure(error)) throw error;
      password.refused();
      if (attemptsLeft === 0) throw error;
      return connect(attemptsLeft - 1);
    }
  };
  return { connect: () => connect(1), end: () => pool.end() };
}

/** Ends the pool: waits for checked-out connections to be released, then closes them all. */
export async function closeDatabase<DB>(db: Kysely<DB>): Promise<void> {
  await db.destroy();
}
