/** A user's phone record (legacy table `user-phone-numbers`, seed 003), kept first in the primary table. */
export interface PhoneRecord {
  readonly user_id: string;
  /** Sanitized 10-digit phone number. */
  readonly phone_number: string;
  /** RFC 3339. */
  readonly last_updated: string;
  readonly is_opted_out: boolean;
  readonly is_phone_verified: boolean;
}

/** A new number starts unverified and opted in: verification and consent belong to a number. */
export function newPhoneRecord(userId: string, phone: string, now: Date): PhoneRecord {
  return {
    user_id: userId,
    phone_number: phone,
    last_updated: now.toISOString(),
    is_opted_out: false,
    is_phone_verified: false,
  };
}

export function changedPhoneRecord(
  record: PhoneRecord,
  change: Partial<PhoneRecord>,
  now: Date,
): PhoneRecord {
  return { ...record, ...change, user_id: record.user_id, last_updated: now.toISOString() };
}
