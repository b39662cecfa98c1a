import { z } from "@hono/zod-openapi";
import { text } from "../../platform/http/text.schemas.ts";
import type { MlaSubject } from "../ports/mla-lookup.port.ts";
import { STATE_CODE, ZIP_CODE } from "./user.schemas.ts";

/** Nine digits, dashes optional: 123-45-6789 or 123456789. */
export const SSN_PATTERN = /^\d{3}-?\d{2}-?\d{4}$/;
const EARLIEST_BIRTH_DATE = "1900-01-01";

/**
 * Why a string is not an SSN the Social Security Administration could have issued, or undefined.
 * https://www.ssa.gov/employer/randomization.html: area 000, 666 and 900-999, group 00 and serial
 * 0000 are never issued (900-999 are ITINs, which the MLA database does not hold).
 */
export function ssnProblem(value: string): string | undefined {
  if (!SSN_PATTERN.test(value)) return "must be 9 digits, written 123-45-6789 or 123456789";
  const digits = value.replaceAll("-", "");
  const area = digits.slice(0, 3);
  if (area === "000" || area === "666" || area >= "900") {
    return "the area number (first 3 digits) cannot be 000, 666 or 900-999";
  }
  if (digits.slice(3, 5) === "00") return "the group number (digits 4-5) cannot be 00";
  if (digits.slice(5) === "0000") return "the serial number (last 4 digits) cannot be 0000";
  return undefined;
}

const ssn = text({
  max: 11,
  pattern: { regex: SSN_PATTERN, message: "must be 9 digits, written 123-45-6789 or 123456789" },
  rule: ssnProblem,
  description:
    "Social Security number, 123-45-6789 or 123456789 (never issued: area 000, 666, 900-999, group 00, " +
    "serial 0000); sent to Experian only, never stored or logged.",
});

const isoDate = z.iso.date();

/**
 * Why a string is not a date of birth: a real calendar date, YYYY-MM-DD, from 1900 to yesterday (UTC).
 * "Today" is the request's own time, not the injected clock: a schema has no services, and a day's
 * boundary on a date of birth changes nothing that matters.
 */
export function dateOfBirthProblem(value: string, today = new Date().toISOString().slice(0, 10)) {
  if (!isoDate.safeParse(value).success) return "must be a date written YYYY-MM-DD";
  if (value < EARLIEST_BIRTH_DATE) return `must not be before ${EARLIEST_BIRTH_DATE}`;
  if (value >= today) return "must be a date in the past";
  return undefined;
}

const dateOfBirth = text({
  max: 10,
  pattern: { regex: /^\d{4}-\d{2}-\d{2}$/, message: "must be a date written YYYY-MM-DD" },
  rule: (value) => dateOfBirthProblem(value),
  description: "A real date, YYYY-MM-DD, from 1900 to yesterday (UTC).",
});

/** Unicode letters need the `u` flag, which a pattern of the document cannot carry: a rule, described. */
const NAME = /^\p{L}[\p{L}' .-]*$/u;
const name = (max: number) =>
  text({
    max,
    rule: (value) =>
      NAME.test(value)
        ? undefined
        : "may hold letters, spaces, apostrophes, periods and hyphens only, starting with a letter",
    description: "Letters of any script, spaces, apostrophes, periods and hyphens, starting with a letter.",
  });

/**
 * The body of `POST /{user_id}/mla`: what Experian's MLA service matches on. The SSN and the date of
 * birth go to Experian and nowhere else: never stored, never logged.
 */
export const MlaLookupRequestSchema = z
  .strictObject({
    user_first_name: name(50).openapi({ example: "Ada" }),
    user_middle_name: name(50).optional().openapi({ example: "Augusta" }),
    user_last_name: name(50).openapi({ example: "Lovelace" }),
    date_of_birth: dateOfBirth.openapi({ format: "date", example: "1990-12-10" }),
    ssn: ssn.openapi({ example: "401-23-4567" }),
    user_address: text({ max: 100 }).openapi({ example: "12 Analytical Row" }),
    user_city: text({ max: 50 }).openapi({ example: "Austin" }),
    user_state: STATE_CODE.openapi({ example: "TX" }),
    user_zip_code: ZIP_CODE.openapi({ example: "78701" }),
  })
  .openapi("MlaLookupRequest");

export type MlaLookupRequest = z.infer<typeof MlaLookupRequestSchema>;

/** The port's subject for a validated body: the SSN as nine digits. */
export function toMlaSubject(body: MlaLookupRequest): MlaSubject {
  return {
    first_name: body.user_first_name,
    ...(body.user_middle_name === undefined ? {} : { middle_name: body.user_middle_name }),
    last_name: body.user_last_name,
    date_of_birth: body.date_of_birth,
    ssn: body.ssn.replaceAll("-", ""),
    address: {
      line1: body.user_address,
      city: body.user_city,
      state: body.user_state,
      zip_code: body.user_zip_code,
    },
  };
}
