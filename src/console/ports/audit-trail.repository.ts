import type { AuditEntry } from "../domain/audit-entry.ts";

/** What operators did to members from the console, newest first per member. */
export interface AuditTrailRepository {
  append(entry: AuditEntry): Promise<void>;
  listFor(memberId: string, limit: number): Promise<AuditEntry[]>;
}
