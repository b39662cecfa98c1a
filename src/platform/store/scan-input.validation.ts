import { StoreValidationError } from "./store.errors.ts";
import type { TableSpec } from "./table-spec.ts";
import { MAX_SCAN_SEGMENTS, type ScanInput } from "./table-store.port.ts";

/**
 * Refuses, in both adapters alike, what DynamoDB's Scan refuses: a limit below 1, half a segment pair,
 * a segment count beyond its limit and a segment outside the count
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html#DDB-Scan-request-Segment).
 */
export function checkScanInput(table: TableSpec, input: ScanInput): void {
  const { limit, segment, totalSegments } = input;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    throw new StoreValidationError(`scan of ${table.name}: limit must be a positive integer`);
  if ((segment === undefined) !== (totalSegments === undefined)) {
    const missing = segment === undefined ? "segment" : "totalSegments";
    throw new StoreValidationError(
      `scan of ${table.name}: ${missing} is missing; segment and totalSegments go together`,
    );
  }
  if (segment === undefined || totalSegments === undefined) return;
  if (!Number.isInteger(totalSegments) || totalSegments < 1 || totalSegments > MAX_SCAN_SEGMENTS)
    throw new StoreValidationError(
      `scan of ${table.name}: totalSegments must be an integer from 1 to ${MAX_SCAN_SEGMENTS}`,
    );
  if (!Number.isInteger(segment) || segment < 0 || segment >= totalSegments)
    throw new StoreValidationError(
      `scan of ${table.name}: segment must be an integer from 0 to totalSegments - 1 (${totalSegments - 1})`,
    );
}
