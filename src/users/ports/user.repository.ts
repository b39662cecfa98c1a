import type { Page, PageRequest } from "../../platform/store/page.ts";
import type { MlaLookupRecord } from "../domain/mla.ts";
import type { PhoneRecord } from "../domain/phone.ts";
import type { Tag, User, UserEventType } from "../domain/user.ts";

/** A version of the user record as history shows it: the record and the event that wrote it. */
export type UserVersion = User & { readonly event_type: UserEventType };

/** Users as versioned records: every change is a new version, the newest is current. */
export interface UserRepository {
  /**
   * Writes the first version, the START_DATE tag and, with a phone, its claim and record, together;
   * throws UserExistsError if the user exists, PhoneInUseError if another user holds the phone.
   */
  create(user: User, startTag: Tag, eventType: UserEventType, phone?: PhoneRecord): Promise<void>;
  /**
   * Writes `next` as the new current version of `previous`'s user, only if `previous` is still
   * current; throws ConcurrentUpdateError otherwise. The superseded version loses its lookup keys.
   */
  saveVersion(previous: User, next: User, eventType: UserEventType): Promise<void>;
  /** `saveVersion` of `next` (whose tags map holds `tag`) and the TAG item, in one transaction. */
  saveTag(previous: User, next: User, tag: Tag): Promise<void>;
  /**
   * `saveVersion` of `next` (whose user_phone is the record's number) with the number's claim and the
   * phone record, releasing the claim on `released`; throws PhoneInUseError if another user holds it.
   */
  savePhone(previous: User, next: User, record: PhoneRecord, released?: string): Promise<void>;
  /** Changes the phone record's flags, only while it still holds the same number. */
  updatePhone(record: PhoneRecord): Promise<void>;
  phone(userId: string): Promise<PhoneRecord | undefined>;
  /**
   * The MLA_LOOKUP record and the is_military tag (TAG item and tags map in `next`) in one transaction;
   * throws ConcurrentUpdateError if `previous` is no longer current or the record's timestamp is taken.
   */
  saveMlaLookup(previous: User, next: User, tag: Tag, record: MlaLookupRecord): Promise<void>;
  /** MLA lookups, newest first. */
  mlaLookups(userId: string, page: PageRequest): Promise<Page<MlaLookupRecord>>;
  current(userId: string): Promise<User | undefined>;
  /** Every version, newest first. */
  history(userId: string, page: PageRequest): Promise<Page<UserVersion>>;
  /** The TAG items (canonical), active and archived, by name. */
  tags(userId: string, page: PageRequest): Promise<Page<Tag>>;
  /** Current versions only. */
  findByEmail(email: string): Promise<User[]>;
  findByPhone(phone: string): Promise<User[]>;
}
