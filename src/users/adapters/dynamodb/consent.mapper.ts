import type { Item } from "../../../platform/store/table-store.port.ts";
import type { Consent } from "../../domain/consent.ts";
import { userPk } from "./user.mapper.ts";

/** Key formats of seed 003's consent records; nothing above the repository sees them. */
export const consentSk = (consentKey: string, timestamp: string) => `CONSENT#${consentKey}#${timestamp}`;
/** Seed 003's reverse index: GSI1PK is the consent's sort key, GSI1SK the user's partition. */
export const consentGsi1Pk = consentSk;
/**
 * Not in seed 003: the seed's sort key orders a user's consents by key first, so "newest first across
 * keys" needs an index ordered by time. GSI2 is otherwise the phone lookup; these partitions never meet.
 */
export const userConsentsGsi2Pk = (userId: string) => `USER_CONSENTS#${userId}`;
const userConsentsGsi2Sk = (consent: Consent) => `${consent.agreement_timestamp}#${consent.consent_key}`;

const STORAGE_ATTRIBUTES = ["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "db_type"] as const;

export function toConsentItem(consent: Consent): Item {
  return {
    ...(consent as unknown as Item),
    PK: userPk(consent.user_id),
    SK: consentSk(consent.consent_key, consent.agreement_timestamp),
    GSI1PK: consentGsi1Pk(consent.consent_key, consent.agreement_timestamp),
    GSI1SK: userPk(consent.user_id),
    GSI2PK: userConsentsGsi2Pk(consent.user_id),
    GSI2SK: userConsentsGsi2Sk(consent),
    db_type: "CONSENT",
  };
}

export function fromConsentItem(item: Item): Consent {
  const consent: Record<string, unknown> = { ...item };
  for (const name of STORAGE_ATTRIBUTES) delete consent[name];
  return consent as unknown as Consent;
}
