import type { Item } from "../../../platform/store/table-store.port.ts";
import type { MlaLookupRecord } from "../../domain/mla.ts";
import type { PhoneRecord } from "../../domain/phone.ts";
import type { Tag, User, UserEventType } from "../../domain/user.ts";
import type { UserVersion } from "../../ports/user.repository.ts";

/** Key formats of seed 003; nothing above the repository sees them. */
export const userPk = (userId: string) => `USERS#${userId}`;
export const USER_SK_PREFIX = "USER_INFORMATION#";
export const TAG_SK_PREFIX = "TAG#";
export const emailGsiPk = (email: string) => `USER_EMAIL#${email}`;
export const phoneGsiPk = (phone: string) => `USER_PHONE#${phone}`;

const STORAGE_ATTRIBUTES = [
  "PK",
  "SK",
  "GSI1PK",
  "GSI1SK",
  "GSI2PK",
  "GSI2SK",
  "db_type",
  "event_type",
  "superseded_by",
] as const;

/** `USER_INFORMATION#<date_updated>` as Unix milliseconds, 13 digits, so versions sort by time. */
export function userSk(dateUpdated: string): string {
  return `${USER_SK_PREFIX}${String(Date.parse(dateUpdated)).padStart(13, "0")}`;
}

/** The current version carries the GSI keys; superseded versions have them removed (see the repository). */
export function toUserItem(user: User, eventType: UserEventType): Item {
  const sk = userSk(user.user_date_updated);
  return {
    ...(user as unknown as Item),
    PK: userPk(user.user_id),
    SK: sk,
    GSI1PK: emailGsiPk(user.user_email),
    GSI1SK: sk,
    ...(user.user_phone ? { GSI2PK: phoneGsiPk(user.user_phone), GSI2SK: sk } : {}),
    db_type: "USER",
    event_type: eventType,
  };
}

export function fromUserItem(item: Item): User {
  const user: Record<string, unknown> = { ...item };
  for (const name of STORAGE_ATTRIBUTES) delete user[name];
  return user as unknown as User;
}

export function toTagItem(userId: string, tag: Tag): Item {
  return {
    ...(tag as unknown as Item),
    PK: userPk(userId),
    SK: `${TAG_SK_PREFIX}${tag.tag_name}`,
    db_type: "TAG",
  };
}

export function fromUserVersionItem(item: Item): UserVersion {
  return { ...fromUserItem(item), event_type: item.event_type as UserEventType };
}

export function fromTagItem(item: Item): Tag {
  return {
    tag_name: item.tag_name as string,
    tag_value: item.tag_value as string,
    tag_archived: item.tag_archived === true,
    added_on: item.added_on as string,
  };
}

/**
 * One guard item per address, keyed by the email as stored (trimmed and lower-cased, as the lookups
 * match it): only the user it names may hold the address.
 */
export function emailClaimKey(email: string) {
  return { PK: `EMAIL#${email}`, SK: "CLAIM" };
}

export function toEmailClaimItem(email: string, userId: string): Item {
  return { ...emailClaimKey(email), db_type: "EMAIL_CLAIM", user_id: userId };
}

/** One guard item per number: only the user it names may hold the number (a race-free claim). */
export function phoneClaimKey(phone: string) {
  return { PK: `PHONE#${phone}`, SK: "CLAIM" };
}

export function toPhoneClaimItem(record: PhoneRecord): Item {
  return { ...phoneClaimKey(record.phone_number), db_type: "PHONE_CLAIM", user_id: record.user_id };
}

/** The phone record's source of truth, beside the user's other items. */
export const phoneItemKey = (userId: string) => ({ PK: userPk(userId), SK: "PHONE" });

export function toPhoneItem(record: PhoneRecord): Item {
  return { ...(record as unknown as Item), ...phoneItemKey(record.user_id), db_type: "PHONE" };
}

export function fromPhoneItem(item: Item): PhoneRecord {
  return {
    user_id: item.user_id as string,
    phone_number: item.phone_number as string,
    last_updated: item.last_updated as string,
    is_opted_out: item.is_opted_out === true,
    is_phone_verified: item.is_phone_verified === true,
  };
}

export const MLA_SK_PREFIX = "MLA_LOOKUP#";

export function toMlaLookupItem(record: MlaLookupRecord): Item {
  return {
    ...(record as unknown as Item),
    PK: userPk(record.user_id),
    SK: `${MLA_SK_PREFIX}${record.timestamp}`,
    db_type: "MLA_LOOKUP",
  };
}

export function fromMlaLookupItem(item: Item): MlaLookupRecord {
  return {
    user_id: item.user_id as string,
    message_number: item.message_number as string,
    message_text: item.message_text as string,
    experian_transaction_id: item.experian_transaction_id as string,
    is_military: item.is_military === true,
    timestamp: item.timestamp as string,
  };
}
