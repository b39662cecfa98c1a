import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import type { UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import { projectorCheckpoint } from "../../../src/users/wiring/local/usermodel-projector.local.ts";
import {
  currentRecords,
  eventually,
  migratedUsermodel,
  seedUsers,
  updateUser,
  usermodelRecords,
} from "../../suites/users/usermodel-fixtures.ts";
import type { TestDatabase } from "../../support/test-database.ts";

const CHILD = resolve(import.meta.dirname, "./usermodel-projector.child.ts");
const STAGE = "test";

/** Resolves when the child prints `line`; rejects if it exits first or the deadline passes. */
function waitForLine(child: ChildProcess, line: string, deadlineMs = 20_000): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no "${line}" from the child within ${deadlineMs} ms`)),
      deadlineMs,
    );
    createInterface({ input: child.stdout! }).on("line", (text) => {
      if (text === line) {
        clearTimeout(timer);
        done();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`the child exited with ${code} before printing "${line}"`));
    });
  });
}

describe("the usermodel projector killed mid-way (SIGKILL of its process)", () => {
  let dir: string;
  let target: TestDatabase<UsersDatabase>;
  let sqlite: DatabaseSync;
  let store: SqliteTableStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "roster-projector-kill-"));
    target = await migratedUsermodel();
    sqlite = openSqlite(join(dir, "roster.sqlite"));
    store = new SqliteTableStore(sqlite, STAGE, systemClock);
  });
  /** The projector in a process of its own, on the test's SQLite file, in batches of 10. */
  const projectorProcess = (databaseUrl: string, env: Record<string, string> = {}) =>
    spawn(process.execPath, [CHILD], {
      env: {
        ...process.env,
        SQLITE_PATH: join(dir, "roster.sqlite"),
        DATABASE_URL: databaseUrl,
        STAGE,
        BATCH_SIZE: "10",
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });

  afterEach(async () => {
    sqlite.close();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("resumes from its checkpoint after a restart, and usermodel ends equal to the table's current versions", async () => {
    const ids = await seedUsers(store, 10, 3);
    const victim = projectorProcess(target.url, { CRASH_AFTER: "25" });
    const exited = new Promise((done) => victim.once("exit", done));
    await waitForLine(victim, "stuck");
    const atKill = projectorCheckpoint(sqlite);
    const rowsAtKill = (await usermodelRecords(target.db)).length;
    victim.kill("SIGKILL");
    await exited;
    // The table moves on while the projector is down.
    const users = new UserStoreRepository(store);
    const ada = await users.current(ids[0]!);
    await updateUser(users, ada!, { user_last_name: "Lovelace", user_city: "Houston" }, 60_000);
    const joinedWhileDown = await seedUsers(store, 12, 2, "late");

    const last = store.changes.read(store.tableName(usersTable), 0, 1_000_000).at(-1)?.sequence;
    const restarted = projectorProcess(target.url);
    await eventually(
      async () => (projectorCheckpoint(sqlite) === last ? true : undefined),
      "the restarted projector to catch up",
    );
    restarted.kill("SIGKILL");
    await new Promise((done) => restarted.once("exit", done));

    expect(atKill).toBe(20); // two whole batches of 10; the third was half done when the process died
    expect(rowsAtKill).toBeGreaterThan(0);
    const everyone = await currentRecords(store, [...ids, ...joinedWhileDown]);
    expect(everyone).toHaveLength(22);
    expect(await usermodelRecords(target.db)).toEqual(everyone);
  });
});
