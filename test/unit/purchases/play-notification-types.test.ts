import { describe, expect, it } from "vitest";
import {
  playNotificationTable,
  playNotificationType,
} from "../../../src/purchases/adapters/google/play-notification-types.ts";

describe("Google Play's subscription notification types", () => {
  it("names every documented number, each one fetched", () => {
    const table = playNotificationTable();

    expect(table.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20]);
    expect(table.every((t) => t.name.startsWith("SUBSCRIPTION_") && t.meaning.length > 0)).toBe(true);
    expect(new Set(table.map((t) => t.outcome))).toEqual(new Set(["fetch"]));
  });

  it.each([
    [1, "SUBSCRIPTION_RECOVERED"],
    [2, "SUBSCRIPTION_RENEWED"],
    [4, "SUBSCRIPTION_PURCHASED"],
    [12, "SUBSCRIPTION_REVOKED"],
    [13, "SUBSCRIPTION_EXPIRED"],
    [20, "SUBSCRIPTION_PENDING_PURCHASE_CANCELED"],
  ])("maps %i to %s", (number, name) => {
    expect(playNotificationType(number)).toMatchObject({ number, name, outcome: "fetch" });
  });

  it.each([0, 14, 17, 22, 99])("gives an unknown number %i the unknown name and a fetch", (number) => {
    expect(playNotificationType(number)).toMatchObject({
      number,
      name: `SUBSCRIPTION_UNKNOWN_${number}`,
      outcome: "fetch",
    });
  });
});
