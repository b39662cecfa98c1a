import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { contractTables, tableStoreContract } from "./table-store.contract.ts";

const dir = mkdtempSync(join(tmpdir(), "roster-contract-"));
let run = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

tableStoreContract("embedded (node:sqlite file)", async (clock) => {
  const db = openSqlite(join(dir, `store-${++run}.sqlite`));
  return new SqliteTableStore(db, "test", clock);
});

describe("embedded store on a file", () => {
  it("keeps items, indexes and the change feed across a reopen", async () => {
    const clock = new ManualClock("2026-11-22T10:00:00Z");
    const file = join(dir, "reopen.sqlite");
    const { things } = contractTables;
    const first = openSqlite(file);
    await new SqliteTableStore(first, "test", clock).put(things, {
      PK: "U#1",
      SK: "A",
      GSI1PK: "G",
      GSI1SK: "1",
    });
    first.close();
    const reopened = new SqliteTableStore(openSqlite(file), "test", clock);
    expect(await reopened.get(things, { PK: "U#1", SK: "A" })).toMatchObject({ GSI1PK: "G" });
    expect((await reopened.query(things, { index: "GSI1", partition: "G" })).items).toHaveLength(1);
    expect(reopened.changes.read("test-contract-things")).toHaveLength(1);
  });
});
