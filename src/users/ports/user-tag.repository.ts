import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { Tag, User } from "../domain/user.ts";

/** A user's tags: the TAG items (canonical) and the tags map of the user's versions, kept together. */
export interface UserTagRepository {
  /**
   * `saveVersion` of `next` (whose tags map holds `tag`) and the TAG item, in one transaction; throws
   * ConcurrentUpdateError if `previous` is no longer current.
   */
  saveTag(previous: User, next: User, tag: Tag): Promise<void>;
  /** The TAG items, active and archived, by name. */
  tags(userId: string, page: PageRequest): Promise<Page<Tag>>;
}
