import type { PhoneRecord } from "../domain/phone.ts";

/**
 * The legacy `user-phone-numbers` table. On AWS it lives in another region than the primary table,
 * so it cannot join its transactions: the primary table is the source of truth and this copy is
 * written after it, by a write that can be repeated until it lands.
 */
export interface PhoneMirror {
  put(record: PhoneRecord): Promise<void>;
  get(userId: string): Promise<PhoneRecord | undefined>;
  /** Users holding `phone` in the legacy table (its `phone_number-index`). */
  holders(phone: string): Promise<string[]>;
}
