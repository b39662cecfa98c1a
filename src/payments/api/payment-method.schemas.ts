import { z } from "@hono/zod-openapi";
import { text } from "../../platform/http/text.schemas.ts";
import { METHOD_FUNDING_KINDS, METHOD_STATUSES } from "../domain/payment-method.ts";

export const PaymentMethodSchema = z
  .object({
    method_id: z.string(),
    brand: z.string().openapi({ description: "Lower case network name: visa, mastercard, ..." }),
    last4: z.string().openapi({ description: "The card's last four digits; never more of it" }),
    exp_month: z.number().int(),
    exp_year: z.number().int(),
    funding: z.enum(METHOD_FUNDING_KINDS),
    is_default: z.boolean().openapi({ description: "Charges go to the default method" }),
    status: z.enum(METHOD_STATUSES),
    created_at: z.string().openapi({ format: "date-time" }),
    detached_at: z.string().optional().openapi({ format: "date-time" }),
  })
  .openapi("PaymentMethod", {
    example: {
      method_id: "pmt_01JD8X4Q7Z",
      brand: "visa",
      last4: "5556",
      exp_month: 12,
      exp_year: 2030,
      funding: "debit",
      is_default: true,
      status: "active",
      created_at: "2026-12-01T09:30:00.000Z",
    },
  });

export const PaymentMethodListSchema = z
  .object({ items: z.array(PaymentMethodSchema) })
  .openapi("PaymentMethodList");

export const AttachPaymentMethodSchema = z
  .strictObject({
    token: text({
      max: 255,
      pattern: {
        regex: /^pm_[A-Za-z0-9_]+$/,
        message: "must be a gateway payment method token, e.g. pm_card_visa_debit",
      },
      description:
        "The gateway's token of the method, made by the app with the gateway's client library (Stripe: pm_...); the sandbox takes Stripe's test tokens",
    }).openapi({ example: "pm_card_visa_debit" }),
    make_default: z
      .boolean()
      .optional()
      .openapi({ description: "Make it the default; a user's first method is the default anyway" }),
  })
  .openapi("AttachPaymentMethod", { example: { token: "pm_card_visa_debit", make_default: true } });

export const PaymentMethodParams = z.object({
  user_id: text({ max: 128 }).openapi({
    param: { name: "user_id", in: "path" },
    example: "auth0|6568a1f2c0ffee",
  }),
  method_id: text({
    max: 64,
    pattern: { regex: /^[A-Za-z0-9_-]+$/, message: "must be a payment method id" },
  }).openapi({ param: { name: "method_id", in: "path" }, example: "pmt_01JD8X4Q7Z" }),
});
