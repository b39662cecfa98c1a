import * as z from "zod";

/**
 * The Subscription Service's billing report for operators (`GET /subscriptions/reports/billing?days=`):
 * what the console's dashboard draws. Days are UTC, oldest first, ending today; counts are at each
 * day's end. Each subscription counts under the tier and price it bills now (a tier change moves its
 * whole past); a trial counts as live but adds nothing to monthly recurring revenue; an annual plan adds
 * a twelfth of its price.
 */
const Day = z.iso.date();
const Count = z.number().int().min(0);
const Currency = z.string().regex(/^[A-Z]{3}$/);

const DAY_EXAMPLE = {
  day: "2026-11-22",
  active_by_tier: { plus: 118, premium: 40 },
  paused: 7,
  new: 5,
  cancelled: 2,
  mrr_cents: { USD: 157_662 },
} as const;

export const BillingReportDay = z
  .object({
    day: Day,
    active_by_tier: z
      .record(z.string(), Count)
      .describe("Live subscriptions not in a pause at the day's end, by tier"),
    paused: Count.describe("Subscriptions in a pause at the day's end"),
    new: Count.describe("Subscriptions started that day"),
    cancelled: Count.describe("Subscriptions that ended that day"),
    mrr_cents: z
      .record(Currency, z.number().int())
      .describe(
        "Monthly recurring revenue at the day's end, by currency: the monthly price of every live subscription neither paused nor in trial",
      ),
  })
  .meta({ id: "BillingReportDay", examples: [DAY_EXAMPLE] });

export const PauseOutcomes = z
  .object({
    started: Count.describe("Pauses that began in the window"),
    resumed: Count.describe("Pauses that ended in the window with the subscription billing again"),
    withdrawn: Count.describe("Pauses asked for in the window and withdrawn before they began"),
    cancelled_while_paused: Count.describe("Subscriptions that ended in the window during a pause"),
    still_paused: Count.describe("Subscriptions in a pause now"),
    scheduled: Count.describe("Pauses asked for that have not begun yet"),
    skipped_payments: Count.describe("Billing cycles of the window skipped for a pause"),
  })
  .meta({ id: "PauseOutcomes" });

export const RecoveryOutcomes = z
  .object({
    entered: Count.describe("Billing cycles whose first charge was declined in the window"),
    recovered: Count.describe("... of them paid on a retry"),
    failed: Count.describe(
      "... of them that ended unpaid (the recovery window ran out or the subscription ended)",
    ),
    in_progress: Count.describe("... of them still retrying or in grace"),
  })
  .meta({ id: "RecoveryOutcomes" });

export const BillingReportAnswer = z
  .object({
    as_of: z.iso.datetime({ offset: true }),
    days: z.number().int().min(1),
    tiers: z.array(z.string()).describe("Every tier the report names, sorted"),
    currencies: z.array(Currency).describe("Every currency the report names, the most billed first"),
    daily: z.array(BillingReportDay),
    pauses: PauseOutcomes,
    recovery: RecoveryOutcomes,
  })
  .meta({
    id: "BillingReport",
    examples: [
      {
        as_of: "2026-11-22T09:30:00.000Z",
        days: 1,
        tiers: ["plus", "premium"],
        currencies: ["USD"],
        daily: [DAY_EXAMPLE],
        pauses: {
          started: 3,
          resumed: 2,
          withdrawn: 1,
          cancelled_while_paused: 0,
          still_paused: 7,
          scheduled: 2,
          skipped_payments: 3,
        },
        recovery: { entered: 9, recovered: 5, failed: 1, in_progress: 3 },
      },
    ],
  });

export type BillingReportWire = z.infer<typeof BillingReportAnswer>;
export type BillingReportDayWire = z.infer<typeof BillingReportDay>;
