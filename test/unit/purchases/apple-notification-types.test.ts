import { NotificationTypeV2, Subtype } from "@apple/app-store-server-library";
import { describe, expect, it } from "vitest";
import {
  appleNotificationOutcome,
  appleNotificationTable,
} from "../../../src/purchases/adapters/apple/apple-notification-types.ts";

describe("the App Store notification table", () => {
  it("has a row for every notification type of the library", () => {
    const rows = appleNotificationTable();

    const types = new Set(rows.map((row) => row.type));

    expect([...types].sort()).toEqual(Object.values(NotificationTypeV2).sort());
  });

  it("places every subtype of the library under a type", () => {
    const rows = appleNotificationTable();

    const subtypes = new Set(rows.flatMap((row) => (row.subtype ? [row.subtype] : [])));

    expect([...subtypes].sort()).toEqual(Object.values(Subtype).sort());
  });

  it("gives every row an outcome and a meaning", () => {
    for (const row of appleNotificationTable()) {
      expect(["fetch", "record"]).toContain(row.outcome);
      expect(row.meaning.length).toBeGreaterThan(10);
    }
  });

  it("fetches after the changes of a subscription and records what changes none", () => {
    expect(appleNotificationOutcome("DID_RENEW", true)).toBe("fetch");
    expect(appleNotificationOutcome("REFUND", true)).toBe("fetch");
    expect(appleNotificationOutcome("TEST", false)).toBe("record");
    expect(appleNotificationOutcome("REFUND_DECLINED", true)).toBe("record");
  });

  it("fetches an unknown type with a transaction and records one without", () => {
    expect(appleNotificationOutcome("SOMETHING_NEW", true)).toBe("fetch");
    expect(appleNotificationOutcome("SOMETHING_NEW", false)).toBe("record");
  });
});
