/**
 * The Subscription Service (seed 002, and the duties seed 000 gives it): recurring billing of the
 * membership. The User Service tells it what the membership became (activate, pause, resume, upgrade,
 * downgrade, cancel, reactivate) and asks it for the current billing period (proration, pause and
 * downgrade dates). It does not police the membership's state machine: the User Service does.
 *
 * Every mutating call takes an `idempotencyKey` derived from the operation that asks for it: repeating a
 * call with the same key answers the first result and changes nothing again.
 *
 * Throws the platform's `UnavailableError` (503) when the service cannot be reached in time or says it is
 * unavailable (the change may then have been made: repeat it with the same key), and `DependencyError`
 * (502) when it answers outside its contract; neither carries the service's own words.
 */
export interface SubscriptionService {
  activate(userId: string, input: SubscriptionActivation): Promise<Subscription>;
  /** Skips `months` payments from `firstSkippedPayment` on. */
  pause(userId: string, input: SubscriptionPause): Promise<Subscription>;
  /** Withdraws a pause: billing goes on at the next cycle. */
  resume(userId: string, input: Idempotent): Promise<Subscription>;
  /** Renewals move to the new tier at once (the prorated fee is the Payment Service's business). */
  upgrade(userId: string, input: SubscriptionTierChange): Promise<Subscription>;
  /** Renewals move to the lower tier from `effective` on (normally the end of the current period). */
  downgrade(userId: string, input: SubscriptionDowngrade): Promise<Subscription>;
  cancel(userId: string, input: SubscriptionCancellation): Promise<Subscription>;
  /** A new subscription, its first period starting now. */
  reactivate(userId: string, input: SubscriptionActivation): Promise<Subscription>;
  currentPeriod(userId: string): Promise<BillingPeriod>;
}

export const BILLING_TERMS = ["MONTHLY", "ANNUAL"] as const;
export type BillingTerm = (typeof BILLING_TERMS)[number];

export const SUBSCRIPTION_STATUSES = ["ACTIVE", "PAUSED", "CANCELLED"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface Idempotent {
  readonly idempotencyKey: string;
}

/** What the membership costs: the tier version's price from Growthbook for the term. */
export interface SubscriptionActivation extends Idempotent {
  readonly tier: string;
  readonly tierVersion: string;
  readonly term: BillingTerm;
  /** The price of one term in whole cents. */
  readonly priceCents: number;
  /** ISO 4217, upper case ("USD"). */
  readonly currency: string;
}

export interface SubscriptionPause extends Idempotent {
  /** 1 to the pause maximum (Growthbook). */
  readonly months: number;
  /** YYYY-MM-DD: the first payment skipped (the membership's `membership_pause_date`). */
  readonly firstSkippedPayment: string;
}

export interface SubscriptionTierChange extends Idempotent {
  readonly tier: string;
  readonly tierVersion: string;
  /** The new tier's price of one term, in whole cents. */
  readonly priceCents: number;
}

export interface SubscriptionDowngrade extends SubscriptionTierChange {
  /** RFC 3339: when renewals move to the lower tier. */
  readonly effective: string;
}

export interface SubscriptionCancellation extends Idempotent {
  /** `now` ends billing at once; `period_end` lets the paid period run out. */
  readonly effective: "now" | "period_end";
  /** Why, in the caller's words (an operator's note, `user_request`, ...); no personal data. */
  readonly reason: string;
}

/** One billing period: what the user pays for it and for what. */
export interface BillingPeriod {
  /** RFC 3339, inclusive. */
  readonly start: string;
  /** RFC 3339, exclusive: the next renewal. */
  readonly end: string;
  /** What the period costs, whole cents. */
  readonly priceCents: number;
  readonly currency: string;
  readonly term: BillingTerm;
  readonly tier: string;
  readonly tierVersion: string;
}

export interface Subscription {
  readonly subscriptionId: string;
  readonly status: SubscriptionStatus;
  readonly period: BillingPeriod;
  readonly pause?: { readonly months: number; readonly firstSkippedPayment: string };
  readonly pendingDowngrade?: {
    readonly tier: string;
    readonly tierVersion: string;
    readonly priceCents: number;
    readonly effective: string;
  };
  /** RFC 3339: when a cancellation at the period's end takes effect. */
  readonly cancelAt?: string;
}
