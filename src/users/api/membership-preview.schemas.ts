import { z } from "@hono/zod-openapi";
import { PREVIEWED_CHANGES } from "../use-cases/membership/preview-membership-change.query.ts";
import { tierName } from "./membership-billing.schemas.ts";
import { UserIdParams } from "./user.schemas.ts";

export const PreviewParams = UserIdParams.extend({
  change: z.enum(PREVIEWED_CHANGES).openapi({ param: { name: "change", in: "path" }, example: "cancel" }),
});

export const PreviewQuery = z.object({
  membership_tier: tierName.optional().openapi({
    param: { name: "membership_tier", in: "query" },
    description: "The tier to move to: required for an upgrade or a downgrade, none for a cancellation",
  }),
});

const Cents = z.number().int().min(0);
const Time = z.string().openapi({ format: "date-time" });

const PeriodSchema = z
  .object({
    start: Time,
    end: Time.openapi({ description: "Exclusive: the next renewal" }),
    price_cents: Cents,
    currency: z.string(),
    term: z.string(),
    tier: z.string(),
    tier_version: z.string(),
  })
  .openapi("PreviewPeriod", {
    description: "The period the change falls in, as the Subscription Service bills it",
  });

export const MembershipPreviewSchema = z
  .object({
    change: z.enum(PREVIEWED_CHANGES),
    allowed: z.boolean().openapi({ description: "Whether the change would go through now, for this caller" }),
    refusal: z
      .string()
      .optional()
      .openapi({ description: "Why not, in the words the change itself would refuse with" }),
    from_tier: z.string().optional(),
    to_tier: z.string().optional(),
    effective: z
      .string()
      .optional()
      .openapi({ description: "`now` (an upgrade) or when it takes effect: the current period's end" }),
    period: PeriodSchema.optional(),
    charge_now_cents: Cents.openapi({
      description: "What the change charges now: an upgrade's prorated fee (0 for employees), else 0",
    }),
    renewal_price_cents: Cents.optional().openapi({
      description: "What each renewal bills after the change",
    }),
    currency: z.string().optional(),
    float_balance_cents: Cents.optional().openapi({
      description: "A cancellation's: what the user owes the Float Service; more than 0 refuses it",
    }),
  })
  .openapi("MembershipPreview", {
    example: {
      change: "upgrade",
      allowed: true,
      from_tier: "plus",
      to_tier: "premium",
      effective: "now",
      period: {
        start: "2026-11-22T09:30:00.000Z",
        end: "2026-12-22T09:30:00.000Z",
        price_cents: 999,
        currency: "USD",
        term: "MONTHLY",
        tier: "plus",
        tier_version: "v1",
      },
      charge_now_cents: 667,
      renewal_price_cents: 1999,
      currency: "USD",
    },
  });
