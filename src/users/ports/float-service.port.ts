/**
 * The Float Service (seed 000): it owns the small advances ("floats") users take and repay. The
 * membership lifecycle asks it for the user's outstanding balance before a cancellation, an account
 * closure or a reactivation (issue 4: refused with 409 and the amount while one is owed).
 *
 * Throws the platform's `UnavailableError` (503) when the service cannot be reached in time or says it is
 * unavailable, and `DependencyError` (502) when it answers outside its contract; neither carries the
 * service's own words.
 */
export interface FloatService {
  /** What the user still owes; `amountCents` 0 when nothing (also for a user who never took a float). */
  outstandingBalance(userId: string): Promise<OutstandingBalance>;
}

export interface OutstandingBalance {
  /** Whole cents, never negative. */
  readonly amountCents: number;
  /** ISO 4217, upper case ("USD"). */
  readonly currency: string;
}
