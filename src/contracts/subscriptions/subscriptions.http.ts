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
 * | billing history (operators) | `GET users/{user_id}/billing` | 200 BillingHistoryAnswer (an empty list for a user never billed) |
 * | owner (operators) | `GET owners?subscription_id=` | 200 SubscriptionOwnerAnswer; 404 unknown |
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

const Pause = z.object({ months: z.number().int().min(1), first_skipped_payment: z.iso.date() });
const PendingDowngrade = z.object({ ...Tier, price_cents: Cents, effective: Time });

export const SubscriptionAnswer = z
  .object({
    subscription_id: z.string().min(1),
    status: z.enum(WIRE_SUBSCRIPTION_STATUSES),
    period: BillingPeriodAnswer,
    pause: Pause.optional(),
    pending_downgrade: PendingDowngrade.optional(),
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

/**
 * A billing cycle's status as the service keeps it (its domain's CycleStatus, written out here: a
 * contract imports no service): SCHEDULED (due at its period's start), PROCESSING (an attempt being
 * charged), PAID, RETRYING (declined, in the recovery window), GRACE (the retries spent, access kept
 * until the window ends), SKIPPED_PAUSED (inside a pause, not charged), FAILED (the window ran out: the
 * subscription was cancelled), VOID (the subscription ended before it was due), CHARGED_BACK (paid, then
 * disputed).
 */
export const WIRE_CYCLE_STATUSES = [
  "SCHEDULED",
  "PROCESSING",
  "PAID",
  "RETRYING",
  "GRACE",
  "SKIPPED_PAUSED",
  "FAILED",
  "VOID",
  "CHARGED_BACK",
] as const;
export const WIRE_FULFILMENT_CHANNELS = ["DIGITAL", "SHIPPING", "IN_STORE_PICKUP"] as const;
export const WIRE_ATTEMPT_OUTCOMES = ["paid", "declined"] as const;

/** The most cycles and history rows the billing history answers per subscription (newest first). */
export const BILLING_HISTORY_CYCLES = 36;
export const BILLING_HISTORY_CHANGES = 100;

const ATTEMPT_EXAMPLES = [
  { attempt: 1, at: "2026-11-01T00:05:00.000Z", outcome: "declined", decline_reason: "card_declined" },
  { attempt: 2, at: "2026-11-02T00:05:00.000Z", outcome: "paid", confirmation_id: "ch_01J8" },
] as const;

/**
 * One charge attempt of a cycle, in the order tried: a declined one as the history recorded it (its
 * time and the Payment Service's decline reason), the paid one as the cycle holds it (its time and
 * confirmation). An attempt still being charged (PROCESSING) is not listed until its outcome is stored.
 */
export const ChargeAttemptAnswer = z
  .object({
    attempt: z.number().int().min(1),
    at: Time,
    outcome: z.enum(WIRE_ATTEMPT_OUTCOMES),
    confirmation_id: z.string().min(1).optional(),
    decline_reason: z.string().min(1).optional(),
  })
  .meta({ id: "ChargeAttempt", examples: [...ATTEMPT_EXAMPLES] });

const CYCLE_EXAMPLE = {
  cycle_id: "cyc_01J8",
  period_start: "2026-11-01T00:00:00.000Z",
  period_end: "2026-12-01T00:00:00.000Z",
  status: "PAID",
  amount_cents: 999,
  currency: "USD",
  tier: "plus",
  tier_version: "2026-01",
  skipped_for_pause: false,
  attempts: [...ATTEMPT_EXAMPLES],
} as const;

export const BillingCycleAnswer = z
  .object({
    cycle_id: z.string().min(1),
    period_start: Time,
    period_end: Time,
    status: z.enum(WIRE_CYCLE_STATUSES),
    /** Fixed when its first attempt is claimed: a cycle not yet charged (SCHEDULED, skipped, void) has none. */
    amount_cents: Cents.optional(),
    currency: Currency.optional(),
    tier: Tier.tier.optional(),
    tier_version: Tier.tier_version.optional(),
    skipped_for_pause: z.boolean(),
    attempts: z.array(ChargeAttemptAnswer),
    next_attempt_at: Time.optional(),
    recovery_ends_at: Time.optional(),
  })
  .meta({
    id: "BillingCycle",
    description:
      "One period's bill. `amount_cents`, `currency`, `tier` and `tier_version` are what it billed, once its first attempt was claimed (a cycle paid by the User Service's charge at a resume has no currency of its own: the subscription's). `next_attempt_at`: when the runner charges it next (SCHEDULED, RETRYING). `recovery_ends_at`: while a declined cycle is in its recovery window (RETRYING, GRACE, or a retry PROCESSING), when the window ends and the subscription is cancelled unless a retry is paid.",
    examples: [
      CYCLE_EXAMPLE,
      {
        cycle_id: "cyc_01J9",
        period_start: "2026-12-01T00:00:00.000Z",
        period_end: "2027-01-01T00:00:00.000Z",
        status: "RETRYING",
        amount_cents: 999,
        currency: "USD",
        tier: "plus",
        tier_version: "2026-01",
        skipped_for_pause: false,
        attempts: [ATTEMPT_EXAMPLES[0]],
        next_attempt_at: "2026-12-02T00:05:00.000Z",
        recovery_ends_at: "2026-12-15T00:05:00.000Z",
      },
    ],
  });

const CHANGE_EXAMPLE = {
  at: "2026-11-01T00:05:00.000Z",
  change: "renewed",
  actor: "system:billing",
} as const;

/** One row of the subscription's append-only history (`subscription_changes`). */
export const SubscriptionChangeAnswer = z
  .object({
    at: Time,
    change: z.string().min(1),
    actor: z.string().min(1),
    reason: z.string().min(1).optional(),
  })
  .meta({
    id: "SubscriptionChange",
    description:
      "`change`: the lifecycle event (`activated`, `renewed`, `payment-failed`, `recovered`, `pause-skipped`, `cancelled`, ...); `actor`: who asked (`service:user-service`, `operator:...`, `system:billing`); `reason`: why, in the caller's words.",
    examples: [
      CHANGE_EXAMPLE,
      {
        at: "2026-10-20T12:00:00.000Z",
        change: "cancel-scheduled",
        actor: "service:user-service",
        reason: "user_request",
      },
    ],
  });

const BILLING_SUBSCRIPTION_EXAMPLE = {
  subscription_id: "sub_01J8",
  status: "ACTIVE",
  tier: "plus",
  tier_version: "2026-01",
  term: "MONTHLY",
  price_cents: 999,
  currency: "USD",
  fulfilment_channel: "DIGITAL",
  created_at: "2026-10-01T00:05:00.000Z",
  period: PERIOD_EXAMPLE,
  cycles: [CYCLE_EXAMPLE],
  changes: [CHANGE_EXAMPLE],
} as const;

export const BillingSubscriptionAnswer = z
  .object({
    subscription_id: z.string().min(1),
    status: z.enum(WIRE_SUBSCRIPTION_STATUSES),
    ...Tier,
    term: z.enum(WIRE_BILLING_TERMS),
    price_cents: Cents,
    currency: Currency,
    fulfilment_channel: z.enum(WIRE_FULFILMENT_CHANNELS),
    created_at: Time,
    period: BillingPeriodAnswer,
    pause: Pause.optional(),
    pending_downgrade: PendingDowngrade.optional(),
    cancel_at: Time.optional(),
    cancelled_at: Time.optional(),
    cancellation_reason: z.string().min(1).optional(),
    past_due_since: Time.optional(),
    cycles: z.array(BillingCycleAnswer).max(BILLING_HISTORY_CYCLES),
    changes: z.array(SubscriptionChangeAnswer).max(BILLING_HISTORY_CHANGES),
  })
  .meta({
    id: "BillingSubscription",
    description:
      "One subscription, live or ended. `status` as SubscriptionAnswer has it (a PAST_DUE one is ACTIVE with `past_due_since`); `tier`, `price_cents` and `period` are what the next renewal bills (or the last one billed); `cycles` its latest 36, newest first; `changes` its latest 100 history rows, newest first.",
    examples: [BILLING_SUBSCRIPTION_EXAMPLE],
  });

/** `GET users/{user_id}/billing`: every subscription the user ever had, newest first. */
export const BillingHistoryAnswer = z
  .object({ user_id: z.string().min(1), subscriptions: z.array(BillingSubscriptionAnswer) })
  .meta({
    id: "BillingHistory",
    examples: [
      { user_id: "auth0|6568a1f2c0ffee", subscriptions: [BILLING_SUBSCRIPTION_EXAMPLE] },
      { user_id: "auth0|never-billed", subscriptions: [] },
    ],
  });

/** `GET owners?subscription_id=`: whose subscription an id is. */
export const SubscriptionOwnerAnswer = z
  .object({
    subscription_id: z.string().min(1),
    user_id: z.string().min(1),
    status: z.enum(WIRE_SUBSCRIPTION_STATUSES),
  })
  .meta({
    id: "SubscriptionOwner",
    examples: [{ subscription_id: "sub_01J8", user_id: "auth0|6568a1f2c0ffee", status: "ACTIVE" }],
  });

export type BillingPeriodWire = z.infer<typeof BillingPeriodAnswer>;
export type BillingHistoryWire = z.infer<typeof BillingHistoryAnswer>;
export type BillingSubscriptionWire = z.infer<typeof BillingSubscriptionAnswer>;
export type BillingCycleWire = z.infer<typeof BillingCycleAnswer>;
export type ChargeAttemptWire = z.infer<typeof ChargeAttemptAnswer>;
export type SubscriptionChangeWire = z.infer<typeof SubscriptionChangeAnswer>;
export type SubscriptionOwnerWire = z.infer<typeof SubscriptionOwnerAnswer>;
export type SubscriptionWire = z.infer<typeof SubscriptionAnswer>;
export type ActivationBody = z.input<typeof ActivationBody>;
export type PauseBody = z.input<typeof PauseBody>;
export type ResumeBody = z.input<typeof ResumeBody>;
export type TierChangeBody = z.input<typeof TierChangeBody>;
export type DowngradeBody = z.input<typeof DowngradeBody>;
export type CancelBody = z.input<typeof CancelBody>;
