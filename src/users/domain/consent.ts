/** Consent records of seed 003: append-only evidence that a user agreed to something, and where from. */

import type { Checked } from "./contact.ts";

/** Lower snake case, like `terms_of_service` or `sms`: it becomes part of the record's keys. */
export const CONSENT_KEY = /^[a-z][a-z0-9_]{0,63}$/;
export const CONSENT_KEY_RULE =
  "must be 1-64 lower-case letters, digits and underscores, starting with a letter (e.g. terms_of_service)";
/** App versions as the apps report them: `4.12.0`, `4.12.0-beta.2`, `4.12.0+1203`. */
export const APP_VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,31}$/;
export const APP_VERSION_RULE = "must be 1-32 letters, digits, dots, dashes and pluses, e.g. 4.12.0";
/** Calendar date as clients send it: `YYYY-MM-DD`. */
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `agreement_timestamp` as the record's keys hold it: RFC 3339 UTC with milliseconds. */
const AGREEMENT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Time zones run up to 14 hours ahead of UTC: a client's "today" may be the server's tomorrow. */
const LATEST_TIME_ZONE_OFFSET_MS = 14 * 60 * 60 * 1000;

export interface Consent {
  readonly user_id: string;
  readonly consent_key: string;
  /** The item the consent is about (e.g. a Plaid item), when there is one. */
  readonly item_id?: string;
  readonly sms_active: boolean;
  /** RFC 3339 server time; present exactly when `sms_active` is true. */
  readonly sms_agreement_timestamp?: string;
  /** RFC 3339 server time with milliseconds; with the key, it identifies the consent. */
  readonly agreement_timestamp: string;
  /** The request's source address, never what the client says it is. */
  readonly agreement_ip_address: string;
  readonly agreement_app_version: string;
  /** `YYYY-MM-DD`, as the client provided it. */
  readonly agreement_approval_date: string;
}

/** What the client says about a consent; the server adds who, when and from where. */
export interface ConsentStatement {
  readonly consent_key: string;
  readonly item_id?: string;
  readonly sms_active?: boolean;
  readonly agreement_app_version: string;
  readonly agreement_approval_date: string;
}

export function checkConsentKey(key: string): Checked<string> {
  if (!CONSENT_KEY.test(key)) {
    return { ok: false, reason: CONSENT_KEY_RULE };
  }
  return { ok: true, value: key };
}

export function checkAppVersion(version: string): Checked<string> {
  if (!APP_VERSION.test(version)) {
    return { ok: false, reason: APP_VERSION_RULE };
  }
  return { ok: true, value: version };
}

export function checkAgreementTimestamp(timestamp: string): Checked<string> {
  const at = AGREEMENT_TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(at) || new Date(at).toISOString() !== timestamp) {
    return {
      ok: false,
      reason: "must be an RFC 3339 UTC time with milliseconds, e.g. 2026-11-22T09:30:00.000Z",
    };
  }
  return { ok: true, value: timestamp };
}

/** A real calendar date that is not after the client's possible "today" at `now`. */
export function checkApprovalDate(date: string, now: Date): Checked<string> {
  const parts = CALENDAR_DATE.exec(date);
  const day = parts && new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  if (!day || day.toISOString().slice(0, 10) !== date) {
    return { ok: false, reason: "must be a calendar date YYYY-MM-DD, e.g. 2026-11-22" };
  }
  const latest = new Date(now.getTime() + LATEST_TIME_ZONE_OFFSET_MS).toISOString().slice(0, 10);
  if (date > latest) return { ok: false, reason: `must not be after ${latest}` };
  return { ok: true, value: date };
}

/** The consent as recorded at `at` from `ipAddress`; SMS consent is timestamped by the server too. */
export function newConsent(
  userId: string,
  statement: ConsentStatement,
  ipAddress: string,
  at: Date,
): Consent {
  const timestamp = at.toISOString();
  const smsActive = statement.sms_active ?? false;
  return {
    user_id: userId,
    consent_key: statement.consent_key,
    ...(statement.item_id === undefined ? {} : { item_id: statement.item_id }),
    sms_active: smsActive,
    ...(smsActive ? { sms_agreement_timestamp: timestamp } : {}),
    agreement_timestamp: timestamp,
    agreement_ip_address: ipAddress,
    agreement_app_version: statement.agreement_app_version,
    agreement_approval_date: statement.agreement_approval_date,
  };
}
