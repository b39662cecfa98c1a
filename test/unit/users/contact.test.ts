import { describe, expect, it } from "vitest";
import { maskPhone, normalizeEmail, sanitizePhone } from "../../../src/users/domain/contact.ts";

describe("sanitizePhone", () => {
  it.each([
    ["(555) 201-7788", "5552017788"],
    ["+1 555 201 7788", "5552017788"],
    ["555.201.7788", "5552017788"],
    ["1-555-201-7788", "5552017788"],
    [" 5552017788 ", "5552017788"],
  ])("sanitizes %j to 10 digits", (raw, digits) => {
    expect(sanitizePhone(raw)).toEqual({ ok: true, value: digits });
  });

  it.each([
    "555-201-778",
    "555-CALL-NOW",
    "+44 20 7946 0958",
    "(055) 201-7788",
    "(555) 101-7788",
    "25552017788",
    "++1 555 201 7788",
    "",
  ])("refuses %j", (raw) => {
    const result = sanitizePhone(raw);
    expect(result.ok).toBe(false);
  });

  it("shows only the last four digits when masked", () => {
    expect(maskPhone("5552017788")).toBe("******7788");
  });
});

describe("normalizeEmail", () => {
  it("trims and lower-cases", () => {
    expect(normalizeEmail("  Ada.Lovelace@Example.COM ")).toEqual({
      ok: true,
      value: "ada.lovelace@example.com",
    });
  });

  it.each(["ada", "ada@", "@example.com", "ada@example", "a b@example.com"])("refuses %j", (raw) => {
    expect(normalizeEmail(raw).ok).toBe(false);
  });
});
