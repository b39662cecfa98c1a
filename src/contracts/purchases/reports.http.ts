import * as z from "zod";

/**
 * The Purchases Service's report for operators (`GET /user/reports/purchases?days=`): what the
 * console's dashboard draws. Purchases are counted as stored at their last fetch from the store (the
 * store's own state, not a notification's claim); days are UTC, oldest first, ending today. The
 * purchases are kept in DynamoDB, so the report reads them with a bounded Scan: past its limit it
 * answers what it read, `truncated` true.
 */
export const REPORT_STORES = ["apple", "google"] as const;
/** The stores' states as Roster keeps them (the service's StoreState), written out. */
export const REPORT_STORE_STATES = [
  "ACTIVE",
  "GRACE_PERIOD",
  "BILLING_RETRY",
  "PAUSED",
  "PENDING",
  "EXPIRED",
  "REVOKED",
] as const;

const Count = z.number().int().min(0);
const ByStore = z.object({ apple: Count, google: Count });
const States = z.record(z.enum(REPORT_STORE_STATES), Count);

export const PurchasesReportDay = z
  .object({
    day: z.iso.date(),
    started: ByStore.describe("Store subscriptions that began that day, by store"),
    expired: ByStore.describe("Store subscriptions that expired that day and did not renew, by store"),
  })
  .meta({
    id: "PurchasesReportDay",
    examples: [{ day: "2026-11-22", started: { apple: 6, google: 4 }, expired: { apple: 1, google: 0 } }],
  });

export const PurchasesReportAnswer = z
  .object({
    as_of: z.iso.datetime({ offset: true }),
    days: z.number().int().min(1),
    read: Count.describe("Purchases the report read"),
    truncated: z.boolean().describe("More purchases are stored than the report reads"),
    by_store: z
      .object({ apple: States, google: States })
      .describe("Every purchase read, by store and state now (each state named, zero included)"),
    daily: z.array(PurchasesReportDay),
  })
  .meta({
    id: "PurchasesReport",
    examples: [
      {
        as_of: "2026-11-22T09:30:00.000Z",
        days: 1,
        read: 15,
        truncated: false,
        by_store: {
          apple: {
            ACTIVE: 8,
            GRACE_PERIOD: 0,
            BILLING_RETRY: 1,
            PAUSED: 0,
            PENDING: 0,
            EXPIRED: 1,
            REVOKED: 0,
          },
          google: {
            ACTIVE: 4,
            GRACE_PERIOD: 0,
            BILLING_RETRY: 0,
            PAUSED: 1,
            PENDING: 0,
            EXPIRED: 0,
            REVOKED: 0,
          },
        },
        daily: [{ day: "2026-11-22", started: { apple: 6, google: 4 }, expired: { apple: 1, google: 0 } }],
      },
    ],
  });

export type PurchasesReportWire = z.infer<typeof PurchasesReportAnswer>;
