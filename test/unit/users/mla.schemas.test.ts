import { describe, expect, it } from "vitest";
import {
  dateOfBirthProblem,
  MlaLookupRequestSchema,
  toMlaSubject,
} from "../../../src/users/api/mla.schemas.ts";

const body = {
  user_first_name: "Ada",
  user_middle_name: "Augusta",
  user_last_name: "Lovelace",
  date_of_birth: "1990-12-10",
  ssn: "401-23-1203",
  user_address: "12 Analytical Row",
  user_city: "Austin",
  user_state: "TX",
  user_zip_code: "78701",
};

/** Each field at fault and its message, as the 400 problem would list them. */
const issuesOf = (input: unknown) => {
  const result = MlaLookupRequestSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};

describe("MlaLookupRequestSchema", () => {
  it("accepts a complete body, with or without dashes in the SSN, and hands the port nine digits", () => {
    for (const ssn of ["401-23-1203", "401231203"]) {
      const parsed = MlaLookupRequestSchema.parse({ ...body, ssn });
      expect(toMlaSubject(parsed)).toEqual({
        first_name: "Ada",
        middle_name: "Augusta",
        last_name: "Lovelace",
        date_of_birth: "1990-12-10",
        ssn: "401231203",
        address: { line1: "12 Analytical Row", city: "Austin", state: "TX", zip_code: "78701" },
      });
    }
    const { user_middle_name: _, ...noMiddle } = body;
    expect(toMlaSubject(MlaLookupRequestSchema.parse(noMiddle))).not.toHaveProperty("middle_name");
  });

  it.each([
    ["40-123-1203", /9 digits/],
    ["401-23-12034", /9 digits/],
    ["401 23 1203", /9 digits/],
    ["000-23-1203", /area number/],
    ["666-23-1203", /area number/],
    ["912-23-1203", /area number/],
    ["401-00-1203", /group number/],
    ["401-23-0000", /serial number/],
  ])("refuses the SSN %s, saying which rule it breaks", (ssn, rule) => {
    const issues = issuesOf({ ...body, ssn });
    expect(issues).toEqual([{ path: "ssn", message: expect.stringMatching(rule) }]);
    expect(JSON.stringify(issues)).not.toContain(ssn);
  });

  it.each([
    ["2999-01-01", /in the past/],
    ["1990-02-30", /YYYY-MM-DD/],
    ["12/10/1990", /YYYY-MM-DD/],
    ["1899-12-31", /1900/],
  ])("refuses the date of birth %s", (date_of_birth, rule) => {
    expect(issuesOf({ ...body, date_of_birth })).toEqual([
      { path: "date_of_birth", message: expect.stringMatching(rule) },
    ]);
  });

  it("counts today as not yet in the past", () => {
    expect(dateOfBirthProblem("2026-11-22", "2026-11-22")).toBe("must be a date in the past");
    expect(dateOfBirthProblem("2026-11-21", "2026-11-22")).toBeUndefined();
  });

  it("names every missing, malformed or unknown field", () => {
    const paths = issuesOf({
      user_first_name: "Ada2",
      user_state: "Texas",
      user_zip_code: "787",
      nickname: "Countess",
    }).map((i) => i.path);
    expect(paths.sort()).toEqual([
      "",
      "date_of_birth",
      "ssn",
      "user_address",
      "user_city",
      "user_first_name",
      "user_last_name",
      "user_state",
      "user_zip_code",
    ]);
  });
});
