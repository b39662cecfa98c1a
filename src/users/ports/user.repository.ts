import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { Tag, User, UserEventType } from "../domain/user.ts";

/** A version of the user record as history shows it: the record and the event that wrote it. */
export type UserVersion = User & { readonly event_type: UserEventType };

/** Users as versioned records: every change is a new version, the newest is current. */
export interface UserRepository {
  /** Writes the first version and the START_DATE tag together; throws UserExistsError if the user exists. */
  create(user: User, startTag: Tag, eventType: UserEventType): Promise<void>;
  /**
   * Writes `next` as the new current version of `previous`'s user, only if `previous` is still
   * current; throws ConcurrentUpdateError otherwise. The superseded version loses its lookup keys.
   */
  saveVersion(previous: User, next: User, eventType: UserEventType): Promise<void>;
  /** `saveVersion` of `next` (whose tags map holds `tag`) and the TAG item, in one transaction. */
  saveTag(previous: User, next: User, tag: Tag): Promise<void>;
  current(userId: string): Promise<User | undefined>;
  /** Every version, newest first. */
  history(userId: string, page: PageRequest): Promise<Page<UserVersion>>;
  /** The TAG items (canonical), active and archived, by name. */
  tags(userId: string, page: PageRequest): Promise<Page<Tag>>;
  /** Current versions only. */
  findByEmail(email: string): Promise<User[]>;
  findByPhone(phone: string): Promise<User[]>;
}
