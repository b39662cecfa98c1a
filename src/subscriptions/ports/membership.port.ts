/**
 * The User Service, as the Subscription Service tells it what billing did on its own (seed 000: it
 * bills "in coordination with membership changes"). Each call is safe to repeat: the membership's
 * state machine answers a repeat with the state already reached. Throws UnavailableError when the
 * User Service cannot be reached, and a DependencyError when it refuses (both retried later).
 */
export interface Memberships {
  /** A downgrade took effect at the renewal: `POST /{user_id}/membership/downgrade/finalize`. */
  finalizeDowngrade(userId: string): Promise<void>;
  /** A cancellation at the period's end took effect: `POST /{user_id}/membership/cancel/complete`. */
  completeCancellation(userId: string): Promise<void>;
  /** The recovery window ran out (ADR-017/018): the membership is cancelled, then completed. */
  endForPaymentFailure(userId: string): Promise<void>;
}
