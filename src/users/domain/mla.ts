/** The MLA lookup record of seed 003: Experian's answer, kept for audit. Never the SSN or date of birth. */
export interface MlaLookupRecord {
  readonly user_id: string;
  readonly message_number: string;
  readonly message_text: string;
  readonly experian_transaction_id: string;
  readonly is_military: boolean;
  /** RFC 3339 with nanoseconds: also the record's sort key, so lookups in one millisecond stay apart. */
  readonly timestamp: string;
}

/**
 * `2026-11-22T09:30:00.123000457Z`: the clock's milliseconds, then six more digits. `sequence` makes
 * records written in the same millisecond distinct (the store refuses to overwrite one anyway).
 */
export function nanosecondTimestamp(now: Date, sequence: number): string {
  const iso = now.toISOString(); // 2026-11-22T09:30:00.123Z
  return `${iso.slice(0, -1)}${String(sequence % 1_000_000).padStart(6, "0")}Z`;
}
