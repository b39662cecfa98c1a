import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { PhoneRecord } from "../domain/phone.ts";
import type { Tag, User, UserEventType } from "../domain/user.ts";

/** A version of the user record as history shows it: the record and the event that wrote it. */
export type UserVersion = User & { readonly event_type: UserEventType };

/**
 * Users as versioned records: every change is a new version, the newest is current. What is written
 * beside a version in its transaction has its own port: tags (`UserTagRepository`), the phone number
 * (`PhoneRepository`), MLA lookups (`MlaLookupRepository`).
 */
export interface UserRepository {
  /**
   * Writes the first version, the START_DATE tag, the email's claim and, with a phone, its claim and
   * record, together; throws UserExistsError if the user exists, EmailInUseError if another user holds
   * the email, PhoneInUseError if another user holds the phone.
   */
  create(user: User, startTag: Tag, eventType: UserEventType, phone?: PhoneRecord): Promise<void>;
  /**
   * Writes `next` as the new current version of `previous`'s user, only if `previous` is still
   * current; throws ConcurrentUpdateError otherwise. The superseded version loses its lookup keys. A
   * changed email is claimed in the same write (EmailInUseError if another user holds it) and the old
   * one released.
   */
  saveVersion(previous: User, next: User, eventType: UserEventType): Promise<void>;
  current(userId: string): Promise<User | undefined>;
  /** Every version, newest first. */
  history(userId: string, page: PageRequest): Promise<Page<UserVersion>>;
  /** Current versions only. */
  findByEmail(email: string): Promise<User[]>;
  findByPhone(phone: string): Promise<User[]>;
}
