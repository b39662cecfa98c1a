import * as z from "zod";

/**
 * The Payment Service's charges report for operators (`GET /payments/reports/charges?days=`): what
 * the console's dashboard draws. Days are UTC, oldest first, ending today; a charge counts on the day
 * it was made, a refund on the day it was asked for, a dispute on the day it was opened. Amounts are
 * whole cents by currency: money in different currencies is never added up.
 */
const Day = z.iso.date();
const Count = z.number().int().min(0);
const Currency = z.string().regex(/^[A-Z]{3}$/);
const Amounts = z.record(Currency, z.number().int().min(0));

const DAY_EXAMPLE = {
  day: "2026-11-22",
  charged: 41,
  charged_cents: { USD: 40_959 },
  declined: 3,
  refunds: 1,
  refunded_cents: { USD: 999 },
  disputes: 0,
} as const;

export const ChargesReportDay = z
  .object({
    day: Day,
    charged: Count.describe("Charges that took the money (confirmed, even if refunded or disputed since)"),
    charged_cents: Amounts.describe("What those charges took, by currency"),
    declined: Count.describe("Charges the gateway declined"),
    refunds: Count.describe("Refunds that went through"),
    refunded_cents: Amounts.describe("What those refunds gave back, by currency"),
    disputes: Count.describe("Disputes (chargebacks) opened"),
  })
  .meta({ id: "ChargesReportDay", examples: [DAY_EXAMPLE] });

export const ChargesReportAnswer = z
  .object({
    as_of: z.iso.datetime({ offset: true }),
    days: z.number().int().min(1),
    currencies: z.array(Currency).describe("Every currency the report names, the most charged first"),
    daily: z.array(ChargesReportDay),
    open_disputes: Count.describe("Disputes not yet won or lost, now"),
  })
  .meta({
    id: "ChargesReport",
    examples: [
      {
        as_of: "2026-11-22T09:30:00.000Z",
        days: 1,
        currencies: ["USD"],
        daily: [DAY_EXAMPLE],
        open_disputes: 2,
      },
    ],
  });

export type ChargesReportWire = z.infer<typeof ChargesReportAnswer>;
export type ChargesReportDayWire = z.infer<typeof ChargesReportDay>;
