import { z } from "@hono/zod-openapi";
import { text } from "../../platform/http/text.schemas.ts";
import { CHARGE_DECLINE_REASONS, CHARGE_KINDS, CHARGE_STATUSES } from "../domain/charge.ts";
import { MAX_CHARGE_CENTS, SUPPORTED_CURRENCIES } from "../domain/money.ts";
import { REFUND_STATUSES } from "../domain/refund.ts";

const cents = (description: string) =>
  z.number().int().min(1).max(MAX_CHARGE_CENTS).openapi({ description, example: 1250 });
const currency = z
  .enum(SUPPORTED_CURRENCIES)
  .openapi({ description: "ISO 4217, upper case; currencies with two minor units", example: "USD" });
const id = (name: string, example: string) =>
  text({ max: 64, pattern: { regex: /^[A-Za-z0-9_-]+$/, message: `must be a ${name}` } }).openapi({
    example,
  });

export const ChargeRequestSchema = z
  .strictObject({
    amount_cents: cents("Whole cents, 1 to 99,999,999"),
    currency,
    description: text({ max: 500, description: "What the user reads on their statement" }).openapi({
      example: "Upgrade to premium (prorated)",
    }),
    method_id: id("payment method id", "pmt_01JD8X4Q7Z")
      .optional()
      .openapi({ description: "The method to charge; default: the user's default method" }),
    kind: z.enum(CHARGE_KINDS).optional().openapi({ description: "Default: ONE_TIME" }),
    subscription_id: id("subscription id", "sub_01JD8X").optional(),
    billing_cycle_id: id("billing cycle id", "cyc_01JD8X").optional(),
  })
  .openapi("ChargeRequest", {
    example: { amount_cents: 1250, currency: "USD", description: "Upgrade to premium (prorated)" },
  });

export const ChargeSchema = z
  .object({
    confirmation_id: z.string(),
    user_id: z.string(),
    kind: z.enum(CHARGE_KINDS),
    status: z.enum(CHARGE_STATUSES),
    amount_cents: z.number().int(),
    refunded_cents: z.number().int().openapi({ description: "Refunded, or reserved by a refund under way" }),
    currency: z.string(),
    description: z.string(),
    method_id: z.string(),
    decline_reason: z.enum(CHARGE_DECLINE_REASONS).optional(),
    subscription_id: z.string().optional(),
    billing_cycle_id: z.string().optional(),
    created_at: z.string().openapi({ format: "date-time" }),
    updated_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Charge", {
    example: {
      confirmation_id: "ch_01JD8X4Q7Z",
      user_id: "auth0|6568a1f2c0ffee",
      kind: "ONE_TIME",
      status: "CONFIRMED",
      amount_cents: 1250,
      refunded_cents: 0,
      currency: "USD",
      description: "Upgrade to premium (prorated)",
      method_id: "pmt_01JD8X4Q7Z",
      created_at: "2026-12-01T09:30:00.000Z",
      updated_at: "2026-12-01T09:30:01.000Z",
    },
  });

export const RefundRequestSchema = z
  .strictObject({
    amount_cents: cents("Whole cents to give back; default: all that is left of the charge").optional(),
  })
  .openapi("RefundRequest", { example: { amount_cents: 500 } });

export const RefundSchema = z
  .object({
    refund_id: z.string(),
    confirmation_id: z.string(),
    amount_cents: z.number().int(),
    currency: z.string(),
    status: z.enum(REFUND_STATUSES),
    created_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Refund", {
    example: {
      refund_id: "re_01JD8X4Q7Z",
      confirmation_id: "ch_01JD8X4Q7Z",
      amount_cents: 500,
      currency: "USD",
      status: "SUCCEEDED",
      created_at: "2026-12-02T10:00:00.000Z",
    },
  });

export const ConfirmationParams = z.object({
  confirmation_id: id("confirmation id", "ch_01JD8X4Q7Z").openapi({
    param: { name: "confirmation_id", in: "path" },
  }),
});
