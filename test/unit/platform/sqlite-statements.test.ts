import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LimitedQuery,
  limitClause,
  openSqlite,
  StatementCache,
} from "../../../src/platform/adapters/embedded/sqlite.database.ts";

const EMBEDDED = "src/platform/adapters/embedded";

function numbers(count: number) {
  const db = openSqlite(":memory:");
  db.exec("CREATE TABLE n (v INTEGER PRIMARY KEY)");
  const insert = db.prepare("INSERT INTO n (v) VALUES (?)");
  for (let v = 1; v <= count; v++) insert.run(v);
  return db;
}

describe("embedded SQL: limits written into the statement, statements prepared once", () => {
  it("writes a positive integer limit into the SQL and refuses anything else", () => {
    expect(limitClause(25)).toBe("LIMIT 25");
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 60]) expect(() => limitClause(bad)).toThrow(RangeError);
  });

  it("answers each limit with its own statement, prepared once and reused", () => {
    const cache = new StatementCache(numbers(10));
    const sql = "SELECT v FROM n WHERE v > ? ORDER BY v";
    const three = cache.limited(sql, 3);
    expect(three.sourceSQL).toBe(`${sql} LIMIT 3`);
    expect(cache.limited(sql, 3)).toBe(three);
    expect(three.all(4).map((row) => row.v)).toEqual([5, 6, 7]);
    expect(
      cache
        .limited(sql, 2)
        .all(0)
        .map((row) => row.v),
    ).toEqual([1, 2]);
  });

  it("keeps a bounded number of statements, preparing a dropped one again when asked", () => {
    const cache = new StatementCache(numbers(3));
    const first = cache.limited("SELECT v FROM n ORDER BY v", 1);
    for (let limit = 2; limit <= 300; limit++) cache.limited("SELECT v FROM n ORDER BY v", limit);
    const again = cache.limited("SELECT v FROM n ORDER BY v", 1);
    expect(again).not.toBe(first);
    expect(again.all().map((row) => row.v)).toEqual([1]);
  });

  it("runs a query with the limit first and its parameters after", () => {
    const query = new LimitedQuery(numbers(10), "SELECT v FROM n WHERE v BETWEEN ? AND ? ORDER BY v DESC");
    expect(query.all(2, 3, 8).map((row) => row.v)).toEqual([8, 7]);
    expect(query.all(10, 3, 8).map((row) => row.v)).toEqual([8, 7, 6, 5, 4, 3]);
  });

  // A bound `LIMIT ?` makes SQLite compile the statement again on every call (sqlite.database.ts says
  // why); this keeps the trap from coming back in the embedded adapters.
  it("no embedded adapter binds a LIMIT", () => {
    const binding = readdirSync(EMBEDDED)
      .filter((file) => file.endsWith(".ts"))
      .filter((file) =>
        readFileSync(join(EMBEDDED, file), "utf8")
          .split("\n")
          .some((line) => !/^\s*(\*|\/\/)/.test(line) && /\bLIMIT\s+\?/.test(line)),
      );
    expect(binding).toEqual([]);
  });
});
