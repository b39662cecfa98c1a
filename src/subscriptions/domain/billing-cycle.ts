/**
 * One period's bill (the catalogue's SubscriptionPeriod): due at the period's start, charged at most
 * once (UNIQUE subscription and period start; an attempt row with a lease before any charge).
 *
 * SCHEDULED -> PROCESSING (claimed, lease) -> PAID | RETRYING (recovery window) -> ... -> GRACE ->
 * (cancelled); SKIPPED_PAUSED inside a pause; VOID when the subscription ended before it was due.
 */
export const CYCLE_STATUSES = [
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
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** A cycle the runner may claim when `nextAttemptAt` has come (PROCESSING: when its lease ran out). */
export const CLAIMABLE_STATUSES: readonly CycleStatus[] = ["SCHEDULED", "RETRYING", "GRACE", "PROCESSING"];

export interface BillingCycle {
  readonly cycleId: string;
  readonly subscriptionId: string;
  readonly userId: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly status: CycleStatus;
  /** Charges tried so far; the Payment Service key is `renewal:{cycleId}:{attemptNo}`. */
  readonly attemptNo: number;
  readonly nextAttemptAt: Date;
  /** PROCESSING until then; after it another runner may take the cycle over with the same key. */
  readonly leaseUntil?: Date;
  /** What the cycle bills, fixed when its first attempt is claimed (or by a tier change after its period began). */
  readonly amountCents?: number;
  readonly currency?: string;
  readonly tier?: string;
  readonly tierVersion?: string;
  readonly confirmationId?: string;
  readonly failureReason?: string;
  readonly paidAt?: Date;
  /** When its first attempt failed: the recovery window counts from then. */
  readonly firstFailedAt?: Date;
}

/** ADR-018 and the catalogue's BillingService: retries 1, 3 and 7 days after the first failure. */
export const RECOVERY_RETRY_DAYS = [1, 3, 7] as const;
/** After the last retry failed, access is kept this long before the subscription is cancelled. */
export const RECOVERY_GRACE_DAYS = 7;
/** How long a claimed attempt is one runner's; a runner killed mid-charge is taken over after it. */
export const CYCLE_LEASE_MS = 5 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * After attempt `attemptNo` failed (1 = the renewal itself): the next retry's time, or the grace's end
 * once every retry is spent (`grace: true`).
 */
export function nextRecoveryStep(firstFailedAt: Date, attemptNo: number): { at: Date; grace: boolean } {
  const retry = RECOVERY_RETRY_DAYS[attemptNo - 1];
  if (retry !== undefined) return { at: new Date(firstFailedAt.getTime() + retry * DAY_MS), grace: false };
  const lastRetry = RECOVERY_RETRY_DAYS[RECOVERY_RETRY_DAYS.length - 1] as number;
  return { at: new Date(firstFailedAt.getTime() + (lastRetry + RECOVERY_GRACE_DAYS) * DAY_MS), grace: true };
}

/**
 * Whether a charge outcome stamped `at` (the Payment Service's PaymentProcessed `timestamp`) can be the
 * cycle's current attempt's: only if it came after that attempt was claimed (its lease's start). An
 * earlier attempt's late record (a failure read days after, while the next retry is being charged)
 * must not settle the new attempt. An outcome of the current attempt read after its lease was taken
 * over counts as earlier too; the runner's repeat of the same key then settles it, so the rule only
 * ever delays a settlement, never makes a wrong one.
 */
export function mayBeCurrentAttempt(cycle: BillingCycle, at: Date): boolean {
  if (cycle.status !== "PROCESSING" || !cycle.leaseUntil) return false;
  return at.getTime() >= cycle.leaseUntil.getTime() - CYCLE_LEASE_MS;
}

/** The Payment Service's key for one attempt: a new attempt gets a new key (a stored failure replays). */
export const attemptKey = (cycleId: string, attemptNo: number) => `renewal:${cycleId}:${attemptNo}`;

/** When the runner charges the cycle next: a SCHEDULED one at its due time, a RETRYING one at its retry. */
export function nextChargeAt(cycle: Pick<BillingCycle, "status" | "nextAttemptAt">): Date | undefined {
  return cycle.status === "SCHEDULED" || cycle.status === "RETRYING" ? cycle.nextAttemptAt : undefined;
}

/**
 * While a declined cycle is in its recovery window (RETRYING, GRACE, or a retry being charged): when
 * the window closes, the last retry's day plus the grace after the first failure (ADR-018). Then the
 * service cancels the subscription unless a retry was paid.
 */
export function recoveryEndsAt(cycle: Pick<BillingCycle, "status" | "firstFailedAt">): Date | undefined {
  const open = cycle.status === "RETRYING" || cycle.status === "GRACE" || cycle.status === "PROCESSING";
  if (!open || !cycle.firstFailedAt) return undefined;
  return nextRecoveryStep(cycle.firstFailedAt, RECOVERY_RETRY_DAYS.length + 1).at;
}
