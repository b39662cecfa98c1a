import { describe, expect, it } from "vitest";
import { proratedUpgradeFee, prorationDays } from "../../../src/users/domain/proration.ts";

const march = { start: new Date("2026-03-01T00:00:00Z"), end: new Date("2026-03-31T00:00:00Z") };
const year = { start: new Date("2026-01-15T00:00:00Z"), end: new Date("2027-01-15T00:00:00Z") };
const fee = (period: typeof march, on: string, from = 999, to = 1999) =>
  proratedUpgradeFee({ period, currentPriceCents: from, newPriceCents: to, on: new Date(on) });

describe("proration of an upgrade", () => {
  it("charges the whole difference on the first day of the period", () => {
    expect(prorationDays(march, new Date("2026-03-01T08:00:00Z"))).toEqual({ remaining: 30, total: 30 });
    expect(fee(march, "2026-03-01T08:00:00Z")).toBe(1000);
  });

  it("charges one day's worth on the last day", () => {
    expect(fee(march, "2026-03-30T23:59:59Z")).toBe(33);
  });

  it("follows the worked example: 10 of 30 days left, rounded half up", () => {
    expect(fee(march, "2026-03-21T12:00:00Z")).toBe(333);
    expect(fee(march, "2026-03-22T00:00:00Z", 1000, 1015)).toBe(5);
  });

  it("prorates annual terms over the days of the year", () => {
    expect(prorationDays(year, new Date("2026-07-15T00:00:00Z"))).toEqual({ remaining: 184, total: 365 });
    expect(fee(year, "2026-07-15T00:00:00Z", 9_990, 19_990)).toBe(5041);
    expect(fee(year, "2027-01-14T10:00:00Z", 9_990, 19_990)).toBe(27);
  });

  it("charges nothing when the new tier does not cost more", () => {
    expect(fee(march, "2026-03-10T00:00:00Z", 1999, 999)).toBe(0);
  });

  it("refuses a day outside the period", () => {
    expect(() => fee(march, "2026-03-31T00:00:00Z")).toThrow(RangeError);
    expect(() => fee(march, "2026-02-28T23:00:00Z")).toThrow(RangeError);
  });
});
