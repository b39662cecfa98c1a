import { describe, expect, it } from "vitest";
import {
  checkAgreementTimestamp,
  checkApprovalDate,
  checkConsentKey,
  newConsent,
} from "../../../src/users/domain/consent.ts";

const NOW = new Date("2027-02-28T12:00:00.000Z");

describe("consent rules", () => {
  it.each(["sms", "terms_of_service", "e_sign_2026", `a${"b".repeat(63)}`])("takes the key %j", (key) => {
    expect(checkConsentKey(key)).toEqual({ ok: true, value: key });
  });

  it.each(["", "SMS", "1st", "_sms", "terms-of-service", "sms#1", `a${"b".repeat(64)}`])(
    "refuses the key %j",
    (key) => {
      expect(checkConsentKey(key).ok).toBe(false);
    },
  );

  it("takes real calendar dates up to the latest time zone's today", () => {
    expect(checkApprovalDate("2027-02-28", NOW).ok).toBe(true);
    expect(checkApprovalDate("2027-03-01", NOW).ok).toBe(true);
    expect(checkApprovalDate("2028-02-29", new Date("2028-03-01T00:00:00Z")).ok).toBe(true);
    expect(checkApprovalDate("2027-02-29", NOW)).toEqual({
      ok: false,
      reason: "must be a calendar date YYYY-MM-DD, e.g. 2026-11-22",
    });
    expect(checkApprovalDate("2027-03-02", NOW)).toEqual({
      ok: false,
      reason: "must not be after 2027-03-01",
    });
  });

  it("takes agreement timestamps only in the form the keys hold them", () => {
    expect(checkAgreementTimestamp("2026-11-22T09:30:00.000Z").ok).toBe(true);
    for (const other of [
      "2026-11-22T09:30:00Z",
      "2026-11-22T09:30:00.000+01:00",
      "2026-13-01T00:00:00.000Z",
    ]) {
      expect(checkAgreementTimestamp(other).ok).toBe(false);
    }
  });

  it("records server time, the given address, and SMS time only for an active SMS consent", () => {
    const statement = {
      consent_key: "sms",
      agreement_app_version: "4.12.0",
      agreement_approval_date: "2027-02-28",
    };
    expect(newConsent("u1", statement, "203.0.113.7", NOW)).toEqual({
      user_id: "u1",
      ...statement,
      sms_active: false,
      agreement_timestamp: "2027-02-28T12:00:00.000Z",
      agreement_ip_address: "203.0.113.7",
    });
    const active = newConsent("u1", { ...statement, sms_active: true }, "203.0.113.7", NOW);
    expect(active.sms_agreement_timestamp).toBe("2027-02-28T12:00:00.000Z");
  });
});
