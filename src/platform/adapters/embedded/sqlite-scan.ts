import type { DatabaseSync, SQLInputValue, SQLOutputValue } from "node:sqlite";
import type { TableSpec } from "../../store/table-spec.ts";
import type { Key, ScanInput } from "../../store/table-store.port.ts";
import { keyColumns } from "./sqlite-query.ts";

/** The SQL function that puts a row in its scan segment; registered on each connection the store opens. */
const SEGMENT_FUNCTION = "roster_scan_segment";
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Makes `roster_scan_segment(pk, sk, totalSegments)` callable from the store's SQL on this connection. */
export function registerScanSegment(db: DatabaseSync): void {
  db.function(SEGMENT_FUNCTION, { deterministic: true }, (pk, sk, total) =>
    scanSegmentOf(pk, sk, Number(total)),
  );
}

/**
 * The segment of an item: FNV-1a (32-bit) over the UTF-16 code units of `JSON.stringify([pk, sk])`
 * (the items table's key columns, sk "" for a table without a sort key), modulo totalSegments. It
 * depends on the key alone, so every item is in exactly one segment whatever else changes; DynamoDB
 * hashes its partition key instead, so the two stores put an item in different segments, which no
 * caller may rely on.
 */
export function scanSegmentOf(pk: SQLOutputValue, sk: SQLOutputValue, totalSegments: number): number {
  const text = JSON.stringify([pk, sk]);
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return (hash >>> 0) % totalSegments;
}

/**
 * The SELECT for a scan page: the logical table's live rows in (pk, sk) order after the cursor's
 * position (keyset, on the primary key), in the segment asked for; the caller adds the LIMIT
 * (`StatementCache.limited`).
 */
export function scanSql(
  name: string,
  table: TableSpec,
  input: ScanInput,
  nowSeconds: number,
  /** The table key the scan's cursor holds (the store opened it). */
  after?: Key,
): { sql: string; params: SQLInputValue[] } {
  const where = ["tbl = ?", "(expires_at IS NULL OR expires_at >= ?)"];
  const params: SQLInputValue[] = [name, nowSeconds];
  if (after) {
    where.push("(pk, sk) > (?, ?)");
    params.push(...keyColumns(table, after));
  }
  if (input.segment !== undefined && input.totalSegments !== undefined) {
    where.push(`${SEGMENT_FUNCTION}(pk, sk, ?) = ?`);
    params.push(input.totalSegments, input.segment);
  }
  const sql = `SELECT body FROM items WHERE ${where.join(" AND ")} ORDER BY pk, sk`;
  return { sql, params };
}
