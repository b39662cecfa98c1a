import * as z from "zod";

/**
 * The Subscription Service's HTTP API as the User Service's membership lifecycle speaks it: snake_case
 * bodies, RFC 3339 times, whole cents. Paths are relative to the service's base URL, `{user_id}`
 * percent-encoded; every POST carries an `idempotency-key` header, and a repeated key answers the first
 * call's status and body without a second effect.
 *
 * | call | request | answer |
 * |---|---|---|
 * | activate | `POST users/{user_id}/subscription` ActivationBody | 201 SubscriptionAnswer |
 * | reactivate | `POST users/{user_id}/subscription/reactivate` ActivationBody | 200 SubscriptionAnswer |
 * | pause | `POST users/{user_id}/subscription/pause` PauseBody | 200 SubscriptionAnswer |
 * | resume | `POST users/{user_id}/subscription/resume` ResumeBody (`{}`, or the charge already collected) | 200 SubscriptionAnswer |
 * | upgrade | `POST users/{user_id}/subscription/upgrade` TierChangeBody | 200 SubscriptionAnswer |
 * | downgrade | `POST users/{user_id}/subscription/downgrade` DowngradeBody | 200 SubscriptionAnswer |
 * | cancel | `POST users/{user_id}/subscription/cancel` CancelBody | 200 SubscriptionAnswer |
 * | current period | `GET users/{user_id}/subscription/current-period` | 200 BillingPeriodAnswer |
 *
 * A user with no subscription at all answers 404 with `code` NO_SUBSCRIPTION; a change to one that
 * ended, 409 `SUBSCRIPTION_ENDED`; an activation beside a live one, 409 `SUBSCRIPTION_EXISTS`.
 */
export const NO_SUBSCRIPTION_CODE = "NO_SUBSCRIPTION";
export const SUBSCRIPTION_ACTIONS = [
  "reactivate",
  "pause",
  "resume",
  "upgrade",
  "downgrade",
  "cancel",
] as const;
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number];

export const SUBSCRIPTION_PATHS = {
  subscription: (userId: string) => `users/${encodeURIComponent(userId)}/subscription`,
  action: (userId: string, action: SubscriptionAction) =>
    `users/${encodeURIComponent(userId)}/subscription/${action}`,
  currentPeriod: (userId: string) => `users/${encodeURIComponent(userId)}/subscription/current-period`,
} as const;

export const WIRE_BILLING_TERMS = ["MONTHLY", "ANNUAL"] as const;
export const WIRE_SUBSCRIPTION_STATUSES = ["ACTIVE", "PAUSED", "CANCELLED"] as const;

const Time = z.iso.datetime({ offset: true });
const Cents = z.number().int().min(0);
const Currency = z.string().regex(/^[A-Z]{3}$/);
const Tier = { tier: z.string().min(1).max(64), tier_version: z.string().min(1).max(64) };

const PERIOD_EXAMPLE = {
  start: "2026-11-01T00:00:00.000Z",
  end: "2026-12-01T00:00:00.000Z",
  price_cents: 999,
  currency: "USD",
  term: "MONTHLY",
  tier: "plus",
  tier_version: "2026-01",
} as const;

export const BillingPeriodAnswer = z
  .object({
    start: Time,
    end: Time,
    price_cents: Cents,
    currency: Currency,
    term: z.enum(WIRE_BILLING_TERMS),
    ...Tier,
  })
  .meta({ examples: [PERIOD_EXAMPLE] });

export const SubscriptionAnswer = z
  .object({
    subscription_id: z.string().min(1),
    status: z.enum(WIRE_SUBSCRIPTION_STATUSES),
    period: BillingPeriodAnswer,
    pause: z.object({ months: z.number().int().min(1), first_skipped_payment: z.iso.date() }).optional(),
    pending_downgrade: z.object({ ...Tier, price_cents: Cents, effective: Time }).optional(),
    cancel_at: Time.optional(),
  })
  .meta({ examples: [{ subscription_id: "sub_01J8", status: "ACTIVE", period: PERIOD_EXAMPLE }] });

export const ActivationBody = z
  .strictObject({ ...Tier, term: z.enum(WIRE_BILLING_TERMS), price_cents: Cents, currency: Currency })
  .meta({
    examples: [{ tier: "plus", tier_version: "2026-01", term: "MONTHLY", price_cents: 999, currency: "USD" }],
  });

export const PauseBody = z
  .strictObject({ months: z.number().int().min(1), first_skipped_payment: z.iso.date() })
  .meta({ examples: [{ months: 2, first_skipped_payment: "2026-12-01" }] });

/**
 * `charge`: the User Service already collected the period's price (an unpause with a charge): the
 * period restarts now, already paid (Stripe's `billing_cycle_anchor: now`). Without it, billing goes on
 * at the next cycle.
 */
export const ResumeBody = z
  .strictObject({
    charge: z.strictObject({ confirmation_id: z.string().min(1).max(64), amount_cents: Cents }).optional(),
  })
  .meta({ examples: [{}, { charge: { confirmation_id: "ch_01J8", amount_cents: 999 } }] });

export const TierChangeBody = z
  .strictObject({ ...Tier, price_cents: Cents })
  .meta({ examples: [{ tier: "premium", tier_version: "2026-01", price_cents: 1999 }] });

export const DowngradeBody = z.strictObject({ ...Tier, price_cents: Cents, effective: Time }).meta({
  examples: [
    { tier: "basic", tier_version: "2026-01", price_cents: 499, effective: "2026-12-01T00:00:00.000Z" },
  ],
});

export const CancelBody = z
  .strictObject({ effective: z.enum(["now", "period_end"]), reason: z.string().min(1).max(200) })
  .meta({ examples: [{ effective: "period_end", reason: "CANCEL" }] });

export type BillingPeriodWire = z.infer<typeof BillingPeriodAnswer>;
export type SubscriptionWire = z.infer<typeof SubscriptionAnswer>;
export type ActivationBody = z.input<typeof ActivationBody>;
export type PauseBody = z.input<typeof PauseBody>;
export type ResumeBody = z.input<typeof ResumeBody>;
export type TierChangeBody = z.input<typeof TierChangeBody>;
export type DowngradeBody = z.input<typeof DowngradeBody>;
export type CancelBody = z.input<typeof CancelBody>;
