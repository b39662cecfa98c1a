import type { TransactWrite } from "../../../platform/store/table-store.port.ts";
import type { PhoneRecord } from "../../domain/phone.ts";
import { phoneClaimKey, toPhoneClaimItem, toPhoneItem } from "./user.mapper.ts";
import { usersTable } from "./users.tables.ts";

/**
 * The claim on a number (absent, or already this user's) and the user's phone record. The claim comes
 * first: callers find its cancellation reason by position (`PHONE_CLAIM_OFFSET` into these writes).
 */
export function phoneWrites(record: PhoneRecord): TransactWrite[] {
  const mineOrFree = { or: [{ attributeNotExists: "PK" }, { equals: ["user_id", record.user_id] }] } as const;
  return [
    { put: { table: usersTable, item: toPhoneClaimItem(record), condition: mineOrFree } },
    { put: { table: usersTable, item: toPhoneItem(record) } },
  ];
}

export const PHONE_CLAIM_OFFSET = 0;

/** Gives up the claim on a number this user held. */
export function releaseClaim(phone: string, userId: string): TransactWrite {
  return {
    delete: { table: usersTable, key: phoneClaimKey(phone), condition: { equals: ["user_id", userId] } },
  };
}
