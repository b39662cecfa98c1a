import * as z from "zod";
import { CHARGE_STATUSES } from "../ports/payment-service.port.ts";
import { DECLINE_REASONS } from "../use-cases/payment.errors.ts";

/**
 * The bodies of the Payment Service's API as this client assumes them (paths in payment-service.http.ts):
 * snake_case, whole cents, ISO 4217 currencies.
 */
export const ChargeAnswer = z.object({
  confirmation_id: z.string().min(1),
  status: z.enum(CHARGE_STATUSES),
  amount_cents: z.number().int().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

export const RefundAnswer = z.object({
  refund_id: z.string().min(1),
  confirmation_id: z.string().min(1),
  amount_cents: z.number().int().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

export const DebitCardAnswer = z.object({
  last4: z.string().regex(/^\d{4}$/),
  brand: z.string().min(1),
});

/** 402 to a declined charge; 404 with `NO_ACTIVE_CARD` to the debit card of a user who has none. */
export const PAYMENT_DECLINED_CODE = "PAYMENT_DECLINED";
export const NO_ACTIVE_CARD_CODE = "NO_ACTIVE_CARD";
export const DeclineAnswer = z.object({
  code: z.literal(PAYMENT_DECLINED_CODE),
  decline_code: z.enum(DECLINE_REASONS).catch("card_declined"),
});
export const ErrorAnswer = z.object({ code: z.string() });
