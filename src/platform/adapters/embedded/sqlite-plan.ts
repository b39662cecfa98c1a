import type { DatabaseSync } from "node:sqlite";

/**
 * `db` with every SQL text prepared on it kept in `statements` (everything else passed through): what
 * a store runs, to read the plans of. For benches and tests; the runtime never wraps its database.
 */
export function recordingStatements(db: DatabaseSync): { db: DatabaseSync; statements: Set<string> } {
  const statements = new Set<string>();
  // The connection itself, its prepare shadowed: node:sqlite's methods refuse a Proxy as their receiver.
  const prepare = db.prepare.bind(db);
  db.prepare = (text: string) => {
    statements.add(text);
    return prepare(text);
  };
  return { db, statements };
}

/** `EXPLAIN QUERY PLAN` of `text` (its parameters unbound), one line per step, indented by depth. */
export function queryPlan(db: DatabaseSync, text: string): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all() as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((row) => {
    const level = (depth.get(row.parent) ?? 0) + 1;
    depth.set(row.id, level);
    return `${"  ".repeat(level - 1)}${row.detail}`;
  });
}

/**
 * The plan's steps that read a whole table or index (a SCAN, or a SEARCH bound on the logical table's
 * name alone, `tbl=?` or `tbl=? AND idx=?`: every row of that table in the store's shared tables), or
 * sort rows outside an index.
 */
export function unindexedSteps(plan: readonly string[]): string[] {
  return plan.filter((step) =>
    /^\s*(SCAN |USE TEMP B-TREE)|^\s*SEARCH .*\((tbl=\?|tbl=\? AND idx=\?)\)$/.test(step),
  );
}
