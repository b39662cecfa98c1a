import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { type Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { socketDirFor } from "../../../src/platform/adapters/embedded/embedded-postgres.launch.ts";
import { startEmbeddedPostgres } from "../../../src/platform/adapters/embedded/embedded-postgres.ts";
import { runningEmbeddedPostgres } from "../../../src/platform/adapters/embedded/running-embedded-postgres.ts";
import { closeDatabase, createDatabase } from "../../../src/platform/relational/database.ts";
import { MigrationFailedError, migrateToLatest } from "../../../src/platform/relational/migrator.ts";
import {
  USERMODEL_MIGRATION_TABLE,
  usermodelMigrations,
} from "../../../src/users/adapters/postgres/usermodel.migrations.ts";
import type { NewUsermodelRow, UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import { assertTestDatabaseUrl, freshDatabase, type TestDatabase } from "../../support/test-database.ts";

const migrate = (db: Kysely<UsersDatabase>) =>
  migrateToLatest(db, usermodelMigrations, { tableName: USERMODEL_MIGRATION_TABLE });

const row = (overrides: Partial<NewUsermodelRow> = {}): NewUsermodelRow => ({
  user_id: "auth0|5f1c2b",
  first_name: "Ada",
  last_name: "Lovelace",
  email: "Ada@Example.com",
  address: "12 St James's Square",
  city: "Austin",
  state: "TX",
  zip_code: "78701",
  date_joined: new Date("2026-01-02T03:04:05.678Z"),
  date_updated: new Date("2026-01-03T00:00:00.000Z"),
  employment_validation: "PROCESSING",
  install_id: "install-1",
  firebase_instance_id: "firebase-1",
  appsflyer_id: "appsflyer-1",
  app_platform: "ios",
  phone: "5552017788",
  ...overrides,
});

describe("usermodel migrations on PostgreSQL", () => {
  let target: TestDatabase<UsersDatabase>;
  beforeEach(async () => {
    target = await freshDatabase<UsersDatabase>();
  });
  afterEach(async () => {
    await target.drop();
  });

  it("create usermodel with exactly the columns of seed 003, and an index on lower(email)", async () => {
    const applied = await migrate(target.db);

    const columns = await sql<{ column_name: string; data_type: string; is_nullable: string }>`
      select column_name, data_type, is_nullable from information_schema.columns
      where table_schema = 'public' and table_name = 'usermodel' order by ordinal_position`.execute(
      target.db,
    );
    const indexes = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where tablename = 'usermodel'`.execute(target.db);
    expect(applied).toEqual(["0001_create_usermodel", "0002_usermodel_phone_and_search"]);
    const text = (name: string, nullable = "YES") => [name, "text", nullable];
    const timestamp = (name: string) => [name, "timestamp with time zone", "NO"];
    expect(columns.rows.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      text("user_id", "NO"),
      ...["first_name", "last_name", "email", "address", "city", "state", "zip_code"].map((name) =>
        text(name),
      ),
      timestamp("date_joined"),
      timestamp("date_updated"),
      text("employment_validation", "NO"),
      ...["install_id", "firebase_instance_id", "appsflyer_id", "app_platform"].map((name) => text(name)),
      text("phone"), // migration 0002: operator search needs it
    ]);
    expect(indexes.rows.map((index) => index.indexdef)).toContainEqual(
      expect.stringContaining("(lower(email))"),
    );
  });

  it("do nothing the second time, keeping the rows", async () => {
    await migrate(target.db);
    await target.db.insertInto("usermodel").values(row()).execute();

    const second = await migrate(target.db);

    expect(second).toEqual([]);
    const rows = await target.db.selectFrom("usermodel").select("user_id").execute();
    expect(rows).toEqual([{ user_id: "auth0|5f1c2b" }]);
  });

  it("refuse an unknown employment_validation or app_platform, storing nothing", async () => {
    await migrate(target.db);
    // The column types forbid these values; the casts stand for a caller that skipped them.
    const badStatus = row({ employment_validation: "DELETED" as NewUsermodelRow["employment_validation"] });
    const badPlatform = row({ app_platform: "web" as NewUsermodelRow["app_platform"] });

    const statusInsert = target.db.insertInto("usermodel").values(badStatus).execute();
    const platformInsert = target.db.insertInto("usermodel").values(badPlatform).execute();

    await expect(statusInsert).rejects.toThrow(/usermodel_employment_validation_check/);
    await expect(platformInsert).rejects.toThrow(/usermodel_app_platform_check/);
    expect(await target.db.selectFrom("usermodel").selectAll().execute()).toEqual([]);
  });

  it("store a row that reads back unchanged, found by email in any case", async () => {
    await migrate(target.db);

    await target.db.insertInto("usermodel").values(row()).execute();

    const found = await target.db
      .selectFrom("usermodel")
      .selectAll()
      .where(sql<string>`lower(email)`, "=", "ada@example.com")
      .executeTakeFirst();
    expect(found).toEqual(row());
  });

  it("name the migration that failed, and apply none of that run", async () => {
    const broken = {
      ...usermodelMigrations,
      "0002_broken": {
        up: async (db: Kysely<unknown>) => void (await sql`select * from missing`.execute(db)),
      },
    };

    const run = migrateToLatest(target.db, broken, { tableName: USERMODEL_MIGRATION_TABLE });

    await expect(run).rejects.toThrow(MigrationFailedError);
    await expect(run).rejects.toThrow(/Migration "0002_broken" failed: relation "missing" does not exist/);
    const tables = await sql`select 1 from information_schema.tables where table_name = 'usermodel'`.execute(
      target.db,
    );
    expect(tables.rows).toEqual([]);
  });
});

describe("freshDatabase", () => {
  it("refuses a server whose database name lacks 'test'", async () => {
    const production = new URL(inject("postgresUrl"));
    production.pathname = "/roster";

    await expect(freshDatabase(production.toString())).rejects.toThrow(/Refusing to use database "roster"/);
  });
});

describe("startEmbeddedPostgres", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roster-test-embedded-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = () => startEmbeddedPostgres({ dataDir, database: "persistence_test" });
  const write = async (url: string, note: string) => {
    assertTestDatabaseUrl(url);
    const db = createDatabase<unknown>(url);
    await sql`create table if not exists notes (body text not null)`.execute(db);
    await sql`insert into notes (body) values (${note})`.execute(db);
    await closeDatabase(db);
  };
  const read = async (url: string) => {
    const db = createDatabase<unknown>(url);
    const { rows } = await sql<{ body: string }>`select body from notes order by body`.execute(db);
    await closeDatabase(db);
    return rows.map((r) => r.body);
  };

  it("keeps the data in its folder across a stop and a start", async () => {
    const first = await start();
    await write(first.connectionString, "kept");
    await first.stop();

    const second = await start();

    expect(await read(second.connectionString)).toEqual(["kept"]);
    await second.stop();
  });

  it("is reached through its Unix socket in its own folder, as another process finds it too", async () => {
    const server = await start();
    const clientAddress = async (url: string) => {
      const db = createDatabase<unknown>(url);
      const { rows } = await sql<{ address: string | null }>`select inet_client_addr() as address`.execute(
        db,
      );
      await closeDatabase(db);
      return rows[0]?.address;
    };

    const found = await runningEmbeddedPostgres(dataDir, "persistence_test");

    expect(await clientAddress(server.connectionString)).toBeNull(); // a socket has no client address
    expect(found).toBe(server.connectionString);
    expect(existsSync(join(dataDir, `.s.PGSQL.${server.port}`))).toBe(true);
    await server.stop();
  });

  it("listens on TCP alone when its folder's path is too long for a socket", () => {
    expect(socketDirFor("/tmp/roster-test-embedded-abc/postgres")).toBe(
      "/tmp/roster-test-embedded-abc/postgres",
    );
    expect(socketDirFor(`/tmp/${"d".repeat(90)}/postgres`)).toBeUndefined();
    expect(socketDirFor("/tmp/with space/postgres")).toBeUndefined();
  });

  it("starts over a stale postmaster.pid whose process is gone", async () => {
    const first = await start();
    await write(first.connectionString, "before the crash");
    const lock = await readFile(join(dataDir, "postmaster.pid"), "utf8");
    await first.stop();
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    await writeFile(join(dataDir, "postmaster.pid"), lock.replace(/^\d+/, String(deadPid)));

    const second = await start();

    expect(await read(second.connectionString)).toEqual(["before the crash"]);
    await second.stop();
    expect(existsSync(join(dataDir, "postmaster.pid"))).toBe(false);
  });

  it("refuses a second server on a folder in use, naming the running one", async () => {
    const first = await start();
    const pid = (await readFile(join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0];

    await expect(start()).rejects.toThrow(`PostgreSQL (pid ${pid}) is already running on ${dataDir}`);

    await first.stop();
  });

  /** Another Node process that starts a server on `dataDir`, prints its URL, then runs `then`. */
  const starter = (then: string) => {
    const module = resolve(
      import.meta.dirname,
      "../../../src/platform/adapters/embedded/embedded-postgres.ts",
    );
    const script = `const { startEmbeddedPostgres } = await import(${JSON.stringify(module)});
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, database: "persistence_test" });
      console.log(server.connectionString); ${then}`;
    // With an IPC channel, as a forked worker has: a leftover 'message' listener would keep it alive.
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    const url = once(createInterface({ input: child.stdout! }), "line").then(([line]) => String(line));
    return { child, url };
  };

  it("takes over from a run killed with SIGKILL, whose server was left running", async () => {
    const killed = starter("");
    await write(await killed.url, "written before SIGKILL");
    killed.child.kill("SIGKILL");
    await once(killed.child, "exit");

    const second = await start();

    expect(await read(second.connectionString)).toEqual(["written before SIGKILL"]);
    await second.stop();
  });

  it("leaves the exit code of the process that used it alone", async () => {
    const run = starter("await server.stop(); process.exitCode = 3;");

    const [code] = await once(run.child, "exit");

    expect(await run.url).toContain("/persistence_test");
    expect(code).toBe(3);
  });
});
