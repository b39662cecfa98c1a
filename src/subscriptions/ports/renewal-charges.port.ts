/** One attempt at a cycle's charge, as the Payment Service takes it (kind RENEWAL). */
export interface RenewalCharge {
  readonly amountCents: number;
  readonly currency: string;
  /** What the user reads on their statement. */
  readonly description: string;
  readonly subscriptionId: string;
  readonly billingCycleId: string;
  /** `renewal:{cycleId}:{attemptNo}`: a repeat after a crash charges once. */
  readonly idempotencyKey: string;
}

export type RenewalOutcome =
  | { readonly kind: "paid"; readonly confirmationId: string }
  | { readonly kind: "declined"; readonly reason: string };

/**
 * Roster's Payment Service as the billing runner charges through it. Throws the platform's
 * UnavailableError when the outcome is not known (no answer in time, 503): the attempt is then
 * repeated with the same key once its lease runs out, and money moves at most once.
 */
export interface RenewalCharges {
  charge(userId: string, charge: RenewalCharge): Promise<RenewalOutcome>;
}
