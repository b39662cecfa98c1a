import type { PhoneRecord } from "../domain/phone.ts";
import type { User } from "../domain/user.ts";

/** A user's phone record and the claim that makes a number one user's (the primary table's copy). */
export interface PhoneRepository {
  /**
   * `saveVersion` of `next` (whose user_phone is the record's number) with the number's claim and the
   * phone record, releasing the claim on `released`; throws PhoneInUseError if another user holds it.
   */
  savePhone(previous: User, next: User, record: PhoneRecord, released?: string): Promise<void>;
  /** Changes the phone record's flags, only while it still holds the same number. */
  updatePhone(record: PhoneRecord): Promise<void>;
  phone(userId: string): Promise<PhoneRecord | undefined>;
}
