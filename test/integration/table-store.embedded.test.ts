import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openSqlite } from "../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { tableStoreContract } from "../support/table-store.contract.ts";

const dir = mkdtempSync(join(tmpdir(), "roster-contract-"));
let run = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

tableStoreContract("embedded (node:sqlite file)", async (clock) => {
  const db = openSqlite(join(dir, `store-${++run}.sqlite`));
  return new SqliteTableStore(db, "test", clock);
});
