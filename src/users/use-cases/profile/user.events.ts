import type { DomainEvent } from "../../../platform/events/event-publisher.port.ts";
import type { BalanceSettings } from "../../domain/balance-settings.ts";
import type { Consent } from "../../domain/consent.ts";
import type { MlaLookupRecord } from "../../domain/mla.ts";
import type { PhoneRecord } from "../../domain/phone.ts";
import type { Tag, User } from "../../domain/user.ts";
import type { KycSession } from "../../ports/transactions-service.port.ts";

/**
 * The User Service's domain events (src/users/README.md, "Domain events" holds the catalogue). Details
 * carry ids and changed facts only: no email, name, address, SSN or date of birth, and a phone number
 * as its last four digits.
 */
export const USER_EVENT_SOURCE = "user-service.api";

const event = (detailType: string, detail: Record<string, unknown>, time: Date): DomainEvent => ({
  source: USER_EVENT_SOURCE,
  detailType,
  detail,
  time,
});

const lastFour = (phone: string): string => phone.slice(-4);

export function userCreated(user: User, time: Date): DomainEvent {
  return event(
    "UserCreated",
    {
      user_id: user.user_id,
      user_status: user.user_status,
      user_date_joined: user.user_date_joined,
      ...(user.user_app_platform ? { user_app_platform: user.user_app_platform } : {}),
      ...(user.user_phone ? { phone_last4: lastFour(user.user_phone) } : {}),
    },
    time,
  );
}

/** Names the fields that changed, not their values (names, addresses and emails are personal data). */
export function userUpdated(previous: User, next: User, time: Date): DomainEvent {
  const fields = new Set([...Object.keys(previous), ...Object.keys(next)]);
  const changed = [...fields]
    .filter((field) => field !== "user_date_updated" && field !== "tags")
    .filter(
      (field) =>
        (previous as unknown as Record<string, unknown>)[field] !==
        (next as unknown as Record<string, unknown>)[field],
    )
    .sort();
  return event(
    "UserUpdated",
    { user_id: next.user_id, changed_fields: changed, user_date_updated: next.user_date_updated },
    time,
  );
}

export function userTagChanged(userId: string, tag: Tag, time: Date): DomainEvent {
  return event("UserTagChanged", { user_id: userId, ...tag }, time);
}

export function userPhoneChanged(record: PhoneRecord, released: string | undefined, time: Date): DomainEvent {
  return event(
    "UserPhoneChanged",
    {
      user_id: record.user_id,
      phone_last4: lastFour(record.phone_number),
      ...(released ? { previous_phone_last4: lastFour(released) } : {}),
      is_phone_verified: record.is_phone_verified,
      is_opted_out: record.is_opted_out,
      last_updated: record.last_updated,
    },
    time,
  );
}

export function userPhoneVerified(record: PhoneRecord, time: Date): DomainEvent {
  return event(
    "UserPhoneVerified",
    {
      user_id: record.user_id,
      phone_last4: lastFour(record.phone_number),
      last_updated: record.last_updated,
    },
    time,
  );
}

export function userPhoneOptOutChanged(record: PhoneRecord, time: Date): DomainEvent {
  return event(
    "UserPhoneOptOutChanged",
    {
      user_id: record.user_id,
      phone_last4: lastFour(record.phone_number),
      is_opted_out: record.is_opted_out,
      last_updated: record.last_updated,
    },
    time,
  );
}

/** Without the source address: it is personal data, and the consent item keeps it. */
export function consentRecorded(consent: Consent, time: Date): DomainEvent {
  return event(
    "ConsentRecorded",
    {
      user_id: consent.user_id,
      consent_key: consent.consent_key,
      agreement_timestamp: consent.agreement_timestamp,
      agreement_app_version: consent.agreement_app_version,
      sms_active: consent.sms_active,
      ...(consent.item_id ? { item_id: consent.item_id } : {}),
    },
    time,
  );
}

export function mlaLookupCompleted(record: MlaLookupRecord, time: Date): DomainEvent {
  return event(
    "MlaLookupCompleted",
    {
      user_id: record.user_id,
      is_military: record.is_military,
      message_number: record.message_number,
      timestamp: record.timestamp,
    },
    time,
  );
}

export function balanceSettingsChanged(settings: BalanceSettings, time: Date): DomainEvent {
  return event(
    "BalanceSettingsChanged",
    {
      user_id: settings.user_id,
      low_balance_alert: settings.low_balance_alert,
      updated_at: settings.updated_at,
    },
    time,
  );
}

/** Without the session URL and redirect URI: the URL opens the user's verification. */
export function kycSessionStarted(session: KycSession, time: Date): DomainEvent {
  return event(
    "KycSessionStarted",
    {
      user_id: session.user_id,
      kyc_session_id: session.kyc_session_id,
      provider: session.provider,
      status: session.status,
      created_at: session.created_at,
      expires_at: session.expires_at,
    },
    time,
  );
}
