import * as z from "zod";

/**
 * The User Service's members report for operators (`GET /users/reports/members?days=`): what the
 * console's dashboard draws, from the `usermodel` projection. Days are UTC, oldest first, ending today.
 * A user's status and platform are as they stand now.
 */
const Count = z.number().int().min(0);

/** The user statuses of seed 003 (`user_status`), written out: a contract imports no service. */
export const REPORT_USER_STATUSES = ["PROCESSING", "ACTIVE", "PAUSED", "INVESTIGATE", "BANNED"] as const;

export const MembersReportDay = z
  .object({
    day: z.iso.date(),
    joined: Count.describe("Users who signed up that day"),
    total: Count.describe("Users signed up by the day's end"),
  })
  .meta({ id: "MembersReportDay", examples: [{ day: "2026-11-22", joined: 14, total: 1_204 }] });

export const MembersReportAnswer = z
  .object({
    as_of: z.iso.datetime({ offset: true }),
    days: z.number().int().min(1),
    total: Count.describe("Every user now"),
    by_status: z
      .record(z.enum(REPORT_USER_STATUSES), Count)
      .describe("Every user now, by status (each status named, zero included)"),
    by_platform: z
      .object({ ios: Count, android: Count, unknown: Count })
      .describe("Every user now, by the app they last used (`unknown`: none recorded)"),
    daily: z.array(MembersReportDay),
  })
  .meta({
    id: "MembersReport",
    examples: [
      {
        as_of: "2026-11-22T09:30:00.000Z",
        days: 1,
        total: 1_204,
        by_status: { PROCESSING: 40, ACTIVE: 1_100, PAUSED: 50, INVESTIGATE: 10, BANNED: 4 },
        by_platform: { ios: 700, android: 480, unknown: 24 },
        daily: [{ day: "2026-11-22", joined: 14, total: 1_204 }],
      },
    ],
  });

export type MembersReportWire = z.infer<typeof MembersReportAnswer>;
