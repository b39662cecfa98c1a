import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { MlaLookupRecord } from "../domain/mla.ts";
import type { Tag, User } from "../domain/user.ts";

/** The MLA lookups made for a user (the audit trail of `MlaLookup`'s answers). */
export interface MlaLookupRepository {
  /**
   * The MLA_LOOKUP record and the is_military tag (TAG item and tags map in `next`) in one transaction;
   * throws ConcurrentUpdateError if `previous` is no longer current or the record's timestamp is taken.
   */
  saveMlaLookup(previous: User, next: User, tag: Tag, record: MlaLookupRecord): Promise<void>;
  /** MLA lookups, newest first. */
  mlaLookups(userId: string, page: PageRequest): Promise<Page<MlaLookupRecord>>;
}
