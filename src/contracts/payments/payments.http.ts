import * as z from "zod";

/**
 * The Payment Service's HTTP API as its callers (the User Service's membership lifecycle) speak it:
 * snake_case bodies, whole cents, ISO 4217 currencies. Paths are relative to the service's base URL,
 * ids percent-encoded; every POST carries an `idempotency-key` header, and a repeated key answers the
 * first call's status and body without moving money again.
 *
 * | call | request | answer |
 * |---|---|---|
 * | charge | `POST users/{user_id}/charges` ChargeBody | 201 ChargeAnswer; 402 DeclineAnswer |
 * | refund | `POST charges/{confirmation_id}/refunds` RefundBody | 201 RefundAnswer (all that is left of the charge); 422 ErrorAnswer `CHARGE_NOT_REFUNDABLE` with `charge_status` when nothing is left |
 * | debit card | `GET users/{user_id}/debit-card` | 200 DebitCardAnswer; 404 ErrorAnswer `NO_ACTIVE_CARD` |
 */
export const PAYMENT_PATHS = {
  charges: (userId: string) => `users/${encodeURIComponent(userId)}/charges`,
  refunds: (confirmationId: string) => `charges/${encodeURIComponent(confirmationId)}/refunds`,
  debitCard: (userId: string) => `users/${encodeURIComponent(userId)}/debit-card`,
} as const;

/**
 * REFUNDED and CHARGED_BACK answer a repeated key whose charge was refunded or disputed since: that
 * charge holds no money and is never reused.
 */
export const CHARGE_ANSWER_STATUSES = ["CONFIRMED", "PENDING", "REFUNDED", "CHARGED_BACK"] as const;
export const DECLINE_CODES = ["card_declined", "no_active_card"] as const;

const Currency = z.string().regex(/^[A-Z]{3}$/);

/** `kind` RENEWAL with its subscription and billing cycle: a subscription's period (the Subscription Service). */
export const ChargeBody = z
  .object({
    amount_cents: z.number().int().min(1),
    currency: Currency,
    description: z.string().min(1),
    kind: z.enum(["ONE_TIME", "RENEWAL"]).optional(),
    subscription_id: z.string().min(1).max(64).optional(),
    billing_cycle_id: z.string().min(1).max(64).optional(),
  })
  .meta({ examples: [{ amount_cents: 1250, currency: "USD", description: "Upgrade to plus (prorated)" }] });

export const ChargeAnswer = z
  .object({
    confirmation_id: z.string().min(1),
    status: z.enum(CHARGE_ANSWER_STATUSES),
    amount_cents: z.number().int().min(1),
    currency: Currency,
  })
  .meta({
    examples: [{ confirmation_id: "ch_01J8", status: "CONFIRMED", amount_cents: 1250, currency: "USD" }],
  });

export const RefundBody = z.object({}).meta({ examples: [{}] });

export const RefundAnswer = z
  .object({
    refund_id: z.string().min(1),
    confirmation_id: z.string().min(1),
    amount_cents: z.number().int().min(1),
    currency: Currency,
  })
  .meta({
    examples: [{ refund_id: "re_01J8", confirmation_id: "ch_01J8", amount_cents: 1250, currency: "USD" }],
  });

export const DebitCardAnswer = z
  .object({ last4: z.string().regex(/^\d{4}$/), brand: z.string().min(1) })
  .meta({ examples: [{ last4: "4242", brand: "visa" }] });

/** 402 to a declined charge; 404 with `NO_ACTIVE_CARD` to the debit card of a user who has none. */
export const PAYMENT_DECLINED_CODE = "PAYMENT_DECLINED";
export const NO_ACTIVE_CARD_CODE = "NO_ACTIVE_CARD";

/** An unknown `decline_code` reads as `card_declined`: a newer service may say more than this contract. */
export const DeclineAnswer = z
  .object({
    code: z.literal(PAYMENT_DECLINED_CODE),
    decline_code: z.enum(DECLINE_CODES).catch("card_declined"),
  })
  .meta({ examples: [{ code: PAYMENT_DECLINED_CODE, decline_code: "card_declined" }] });

/** 422 to a refund of a charge with nothing left; `charge_status` says why (REFUNDED, CHARGED_BACK, ...). */
export const NOT_REFUNDABLE_CODE = "CHARGE_NOT_REFUNDABLE";

export const ErrorAnswer = z.object({ code: z.string(), charge_status: z.string().optional() }).meta({
  examples: [{ code: NO_ACTIVE_CARD_CODE }, { code: NOT_REFUNDABLE_CODE, charge_status: "REFUNDED" }],
});

export type ChargeBody = z.input<typeof ChargeBody>;
export type RefundBody = z.input<typeof RefundBody>;
