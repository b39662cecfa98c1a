import { randomBytes } from "node:crypto";
import { type Kysely, type RawBuilder, sql } from "kysely";
import { inject } from "vitest";
import { closeDatabase, createDatabase } from "../../src/platform/relational/database.ts";

export interface TestDatabase<DB> {
  db: Kysely<DB>;
  /** Connection string of the new database. */
  url: string;
  name: string;
  /** Closes `db` and drops the database, even with connections still open to it. */
  drop(): Promise<void>;
}

/** The database a connection string points at; integration suites only ever touch one named *test*. */
export function assertTestDatabaseUrl(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.includes("test")) {
    throw new Error(
      `Refusing to use database "${name}": a test only touches a database whose name contains "test"`,
    );
  }
  return name;
}

/**
 * Creates an empty, uniquely named database (`roster_test_<random>`) on the server of `serverUrl`,
 * by default the run's embedded PostgreSQL, so suites and test files never see each other's rows.
 */
export async function freshDatabase<DB>(
  serverUrl: string = inject("postgresUrl"),
): Promise<TestDatabase<DB>> {
  assertTestDatabaseUrl(serverUrl);
  const name = `roster_test_${randomBytes(6).toString("hex")}`;
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  assertTestDatabaseUrl(url);

  await runOnServer(serverUrl, sql`create database ${sql.id(name)}`);
  const db = createDatabase<DB>(url, { maxConnections: 4 });
  return {
    db,
    url,
    name,
    async drop() {
      await closeDatabase(db);
      await runOnServer(serverUrl, sql`drop database if exists ${sql.id(name)} with (force)`);
    },
  };
}

/** Runs over a connection to the server URL's database: no database can be dropped over a connection to itself. */
async function runOnServer(serverUrl: string, statement: RawBuilder<unknown>): Promise<void> {
  const admin = createDatabase<unknown>(serverUrl, { maxConnections: 1 });
  try {
    await statement.execute(admin);
  } finally {
    await closeDatabase(admin);
  }
}
