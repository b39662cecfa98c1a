import pg from "pg";

/**
 * A service's own database and role on a shared PostgreSQL server, for the local process only: there
 * the services share the one embedded server, and each gets a role `<name>` (LOGIN, its password) and
 * a database `<name>` owned by it, that PUBLIC may not connect to, so no other service's role can.
 * On AWS the database and its role come from the service's stack and its secret, never from here.
 */
export interface ServiceDatabaseRequest {
  /** A connection URL of a role that may create roles and databases (locally the server's superuser). */
  readonly adminUrl: string;
  /** Both the role's and the database's name: lower case letters, digits and `_`, starting with a letter. */
  readonly name: string;
  /** The role's password (locally generated once and kept in the data folder). */
  readonly password: string;
}

/** The SQL identifiers this accepts need no quoting rules beyond the standard ones, and fit NAMEDATALEN. */
const SERVICE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * SQLSTATEs of a role or database that already exists: 42710 duplicate_object (CREATE ROLE), 42P04
 * duplicate_database, and 23505 unique_violation, which two processes creating the same one at the
 * same moment get from the catalog's unique index instead.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const ALREADY_EXISTS = new Set(["42710", "42P04", "23505"]);
/** 28P01 invalid_password: the role exists with another password (its file was regenerated). */
const INVALID_PASSWORD = "28P01";

/**
 * Creates the role and the database if missing (safe to repeat, and safe when two processes start at
 * once) and answers the connection URL of the database as the role.
 */
export async function ensureServiceDatabase(request: ServiceDatabaseRequest): Promise<string> {
  const { adminUrl, name, password } = request;
  if (!SERVICE_NAME.test(name)) {
    throw new Error(`service database name "${name}": lower case letters, digits and _, a letter first`);
  }
  const url = serviceUrl(adminUrl, name, password);
  await withClient(adminUrl, async (admin) => {
    // Two processes starting at once would otherwise race on the catalog (a concurrent GRANT fails with
    // "tuple concurrently updated"); a session lock is fine here, as this never runs behind RDS Proxy.
    await admin.query("select pg_advisory_lock(hashtext($1))", [`roster-service-database:${name}`]);
    const role = admin.escapeIdentifier(name);
    const login = `login password ${admin.escapeLiteral(password)}`;
    await ignoringExisting(admin.query(`create role ${role} ${login}`));
    await ignoringExisting(admin.query(`create database ${role} owner ${role}`));
    // CONNECT (and TEMPORARY) are granted to PUBLIC by default on every new database.
    await admin.query(`revoke connect, temporary on database ${role} from public`);
    await admin.query(`grant connect, temporary on database ${role} to ${role}`);
    if (!(await acceptsPassword(url))) await admin.query(`alter role ${role} ${login}`);
    // The lock ends with the session.
  });
  return url;
}

/** The admin URL's server, as the service's role, at the service's database. */
function serviceUrl(adminUrl: string, name: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = name;
  url.password = password;
  url.pathname = `/${name}`;
  return url.toString();
}

async function ignoringExisting(query: Promise<unknown>): Promise<void> {
  try {
    await query;
  } catch (error) {
    if (!ALREADY_EXISTS.has(sqlState(error))) throw error;
  }
}

/** Whether the role logs in with the password: false only for a refused password. */
async function acceptsPassword(url: string): Promise<boolean> {
  try {
    await withClient(url, async () => {});
    return true;
  } catch (error) {
    if (sqlState(error) === INVALID_PASSWORD) return false;
    throw error;
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "roster-service-database" });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function sqlState(error: unknown): string {
  return typeof error === "object" && error !== null ? String((error as { code?: unknown }).code) : "";
}
