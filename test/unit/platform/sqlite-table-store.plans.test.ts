import { describe, expect, it } from "vitest";
import { openSqlite } from "../../../src/platform/adapters/embedded/sqlite.database.ts";
import {
  queryPlan,
  recordingStatements,
  unindexedSteps,
} from "../../../src/platform/adapters/embedded/sqlite-plan.ts";
import { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { contractTables } from "../../contracts/platform/table-store.contract.ts";

const { things, scores, people } = contractTables;

/** Every statement the store prepares while doing each kind of thing it does, on a filled file. */
async function storeStatements() {
  const sqlite = openSqlite(":memory:");
  const { db, statements } = recordingStatements(sqlite);
  const clock = new ManualClock("2026-11-22T10:00:00Z");
  const store = new SqliteTableStore(db, "test", clock);
  for (let i = 0; i < 500; i++) {
    await store.put(things, {
      PK: `U#${i % 50}`,
      SK: `V#${i}`,
      GSI1PK: `E#${i % 20}`,
      GSI1SK: `${i}`,
      expires_at: 1e10,
    });
    await store.put(scores, { player: `p${i % 10}`, score: i });
    await store.put(people, { id: `u${i}`, email: `u${i}@example.com` });
  }
  sqlite.exec("ANALYZE");
  await store.get(things, { PK: "U#1", SK: "V#1" });
  await store.update(things, { PK: "U#1", SK: "V#1" }, { set: { n: 1 } }, { attributeExists: "PK" });
  await store.delete(things, { PK: "U#2", SK: "V#2" });
  await store.transactWrite([
    { put: { table: things, item: { PK: "U#3", SK: "V#x", GSI1PK: "E#1", GSI1SK: "x" } } },
    { check: { table: people, key: { id: "u1" }, condition: { attributeExists: "id" } } },
  ]);
  await store.batchGet(people, [{ id: "u1" }, { id: "u2" }]);
  for (const order of ["asc", "desc"] as const) {
    const mine = { partition: "U#1", sort: { beginsWith: "V#" }, order, limit: 2 } as const;
    const page = await store.query(things, mine);
    await store.query(things, { ...mine, cursor: page.cursor as string });
    await store.query(scores, { partition: "p1", sort: { between: [10, 200] }, order, limit: 3 });
    await store.query(scores, { partition: "p1", sort: { greaterThan: 10 }, order, limit: 3 });
    const byIndex = await store.query(things, { index: "GSI1", partition: "E#1", order, limit: 2 });
    await store.query(things, {
      index: "GSI1",
      partition: "E#1",
      order,
      limit: 2,
      cursor: byIndex.cursor as string,
    });
    await store.query(people, { index: "email-index", partition: "u1@example.com", order });
  }
  const scanned = await store.scan(things, { limit: 10 });
  await store.scan(things, { limit: 10, cursor: scanned.cursor as string });
  await store.scan(people, { limit: 10, segment: 1, totalSegments: 4 });
  store.sweepExpired([things]);
  store.changes.read("test-contract-things", 10);
  return { sqlite, statements: [...statements] };
}

describe("embedded table store: every statement's plan reads through an index", () => {
  it("answers each get, query (table and GSI, both orders, after a cursor), write, scan, sweep and feed read by a key search", async () => {
    const { sqlite, statements } = await storeStatements();
    // A scan page reads the logical table in key order by design (DynamoDB's Scan): the one exception.
    const isScan = (text: string) => /ORDER BY pk, sk LIMIT \d+$/.test(text);
    const reads = statements.filter((text) => /^\s*(SELECT|DELETE|UPDATE)/i.test(text) && !isScan(text));
    expect(statements.filter(isScan)).toHaveLength(3);
    expect(reads.length).toBeGreaterThanOrEqual(10);
    const unindexed = reads
      .map((text) => ({ text, steps: unindexedSteps(queryPlan(sqlite, text)) }))
      .filter((read) => read.steps.length > 0);
    expect(unindexed).toEqual([]);
  });

  it("names a full scan or a sort outside an index when a statement has one", () => {
    const sqlite = openSqlite(":memory:");
    new SqliteTableStore(sqlite, "test", new ManualClock("2026-11-22T10:00:00Z"));
    expect(unindexedSteps(queryPlan(sqlite, "SELECT body FROM items WHERE body = ?"))).toEqual([
      expect.stringMatching(/^SCAN items/),
    ]);
    expect(unindexedSteps(queryPlan(sqlite, "SELECT body FROM items WHERE tbl = ? ORDER BY body"))).toEqual([
      expect.stringMatching(/USING PRIMARY KEY \(tbl=\?\)$/),
      expect.stringMatching(/USE TEMP B-TREE FOR ORDER BY/),
    ]);
    expect(
      unindexedSteps(queryPlan(sqlite, "SELECT pk FROM index_entries WHERE tbl = ? AND idx = ? AND isk = ?")),
    ).toEqual([expect.stringMatching(/\(tbl=\? AND idx=\?\)$/)]);
  });
});
