import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { localSecret } from "../../../src/platform/adapters/embedded/local-secret.ts";
import { ensureServiceDatabase } from "../../../src/platform/relational/service-database.ts";
import { assertTestDatabaseUrl } from "../../support/test-database.ts";

const adminUrl = inject("postgresUrl");
assertTestDatabaseUrl(adminUrl);

/** Roles are the server's, not a database's: every one a test makes is dropped after it. */
const created: string[] = [];
const serviceName = (): string => {
  const name = `svc_test_${randomBytes(4).toString("hex")}`;
  created.push(name);
  return name;
};

async function query(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

const sqlStateOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => "connected",
    (error: { code?: string }) => String(error.code),
  );

afterEach(async () => {
  for (const name of created.splice(0)) {
    await query(adminUrl, `drop database if exists "${name}" with (force)`);
    await query(adminUrl, `drop role if exists "${name}"`);
  }
});

describe("a service's own database and role on the shared server", () => {
  it("answers a URL on which the service's role reaches the database it owns", async () => {
    const name = serviceName();

    const url = await ensureServiceDatabase({ adminUrl, name, password: "first-password-0123456789" });

    const { rows } = await query(
      url,
      `select current_user as role, current_database() as database,
              pg_get_userbyid(d.datdba) as owner from pg_database d where d.datname = current_database()`,
    );
    expect(rows).toEqual([{ role: name, database: name, owner: name }]);
    await query(url, "create table owned_here (id int primary key)");
  });

  it("can be asked again, also by two processes at once, and answers the same database", async () => {
    const name = serviceName();
    const request = { adminUrl, name, password: "same-password-0123456789" };

    const urls = await Promise.all([ensureServiceDatabase(request), ensureServiceDatabase(request)]);
    const again = await ensureServiceDatabase(request);

    expect(new Set([...urls, again]).size).toBe(1);
    expect((await query(again, "select 1 as one")).rows).toEqual([{ one: 1 }]);
  });

  it("refuses a connection from any other role (PUBLIC lost CONNECT)", async () => {
    const name = serviceName();
    const other = serviceName();
    await ensureServiceDatabase({ adminUrl, name, password: "owner-password-0123456789" });
    await query(adminUrl, `create role "${other}" login password 'other-password'`);
    const asOther = new URL(adminUrl);
    asOther.username = other;
    asOther.password = "other-password";
    asOther.pathname = `/${name}`;

    // 42501 insufficient_privilege: "permission denied for database".
    expect(await sqlStateOf(query(asOther.toString(), "select 1"))).toBe("42501");
  });

  it("gives the role a new password when the service's password changed", async () => {
    const name = serviceName();
    const before = await ensureServiceDatabase({ adminUrl, name, password: "old-password-0123456789" });

    const after = await ensureServiceDatabase({ adminUrl, name, password: "new-password-0123456789" });

    expect(await sqlStateOf(query(after, "select 1"))).toBe("connected");
    expect(await sqlStateOf(query(before, "select 1"))).toBe("28P01");
  });

  it("refuses a name that is not a plain lower-case identifier", async () => {
    await expect(
      ensureServiceDatabase({ adminUrl, name: 'pay"ments', password: "x".repeat(32) }),
    ).rejects.toThrow(/lower case letters/);
  });
});

describe("a local secret in the data folder", () => {
  it("is made once, owner-only, and read back afterwards", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "roster-secret-test-"));
    try {
      const first = localSecret(dataDir, "payments-database-password");
      const second = localSecret(dataDir, "payments-database-password");

      expect(second).toBe(first);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await stat(join(dataDir, "payments-database-password"))).mode & 0o777).toBe(0o600);
      expect(await readFile(join(dataDir, "payments-database-password"), "utf8")).toBe(first);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
