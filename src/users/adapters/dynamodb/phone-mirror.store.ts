import type { Item, TableStore } from "../../../platform/store/table-store.port.ts";
import type { PhoneRecord } from "../../domain/phone.ts";
import type { PhoneMirror } from "../../ports/phone-mirror.port.ts";
import { fromPhoneItem } from "./user.mapper.ts";
import { phoneNumbersTable } from "./users.tables.ts";

/** The legacy `user-phone-numbers` table, exactly as seed 003 keeps it: one item per user_id. */
export class PhoneMirrorStore implements PhoneMirror {
  readonly #store: TableStore;
  constructor(legacyStore: TableStore) {
    this.#store = legacyStore;
  }

  /** A whole-item put: repeating it after a failure, or out of order with the same record, is harmless. */
  async put(record: PhoneRecord): Promise<void> {
    await this.#store.put(phoneNumbersTable, { ...record } as unknown as Item);
  }

  async get(userId: string): Promise<PhoneRecord | undefined> {
    const item = await this.#store.get(phoneNumbersTable, { user_id: userId });
    return item && fromPhoneItem(item);
  }

  async holders(phone: string): Promise<string[]> {
    const page = await this.#store.query(phoneNumbersTable, {
      index: "phone_number-index",
      partition: phone,
      limit: 100,
    });
    return page.items.map((item) => item.user_id as string);
  }
}
