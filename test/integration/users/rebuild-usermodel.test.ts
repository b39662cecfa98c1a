import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { PostgresUsermodelProjection } from "../../../src/users/adapters/postgres/usermodel.projection.ts";
import type { UsersDatabase } from "../../../src/users/adapters/postgres/usermodel.table.ts";
import {
  projectorCheckpoint,
  usermodelProjectorPoller,
} from "../../../src/users/wiring/local/usermodel-projector.local.ts";
import {
  currentRecords,
  migratedUsermodel,
  seedUsers,
  usermodelRecords,
} from "../../suites/users/usermodel-fixtures.ts";
import { testLogger } from "../../support/log-capture.ts";
import type { TestDatabase } from "../../support/test-database.ts";

const run = promisify(execFile);

describe("npm run rebuild:usermodel", () => {
  let dataDir: string;
  let target: TestDatabase<UsersDatabase>;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "roster-rebuild-"));
    target = await migratedUsermodel();
  });
  afterEach(async () => {
    await target.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("rebuilds a truncated usermodel from the change log, dropping rows the table does not back", async () => {
    // The local runtime's file and stage, as `npm start` would have left them.
    const sqlite = openSqlite(join(dataDir, "roster.sqlite"));
    const store = new SqliteTableStore(sqlite, "local", systemClock);
    const ids = await seedUsers(store, 7, 3);
    const logger = testLogger("rebuild-test");
    await usermodelProjectorPoller({ sqlite, store, usermodel: target.db, logger }).drain();
    const projected = await usermodelRecords(target.db);
    sqlite.close();
    await new PostgresUsermodelProjection(target.db).truncate();
    await new PostgresUsermodelProjection(target.db).upsert({
      user_id: "auth0|ghost",
      user_email: "ghost@example.com",
      user_status: "ACTIVE",
      user_date_joined: "2026-01-01T00:00:00.000Z",
      user_date_updated: "2026-01-01T00:00:00.000Z",
    });

    const { stdout } = await run("npm", ["run", "-s", "rebuild:usermodel"], {
      env: { ...process.env, ROSTER_DATA_DIR: dataDir, DATABASE_URL: target.url, LOG_LEVEL: "WARN" },
    });

    // 42 changes of users and their tags, and the 7 users' email claims (not users: skipped).
    expect(stdout).toBe("usermodel rebuilt: 49 changes replayed, 7 users\n");
    const file = openSqlite(join(dataDir, "roster.sqlite"));
    const reopened = new SqliteTableStore(file, "local", systemClock);
    expect(projected).toEqual(await currentRecords(reopened, ids));
    expect(await usermodelRecords(target.db)).toEqual(projected);
    // The running projector would go on from the end of the log, not replay it again.
    const last = reopened.changes.read(reopened.tableName(usersTable), 0, 1_000_000).at(-1)?.sequence;
    expect(projectorCheckpoint(file)).toBe(last);
    file.close();
  });
});
