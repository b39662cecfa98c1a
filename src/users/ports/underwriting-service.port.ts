/**
 * The Underwriting Service (seed 000): it decides whether a user may take floats and up to what limit.
 * A reactivation asks it to recalculate (issue 4) before the membership comes back.
 *
 * Throws the platform's `UnavailableError` (503) when the service cannot be reached in time or says it is
 * unavailable, and `DependencyError` (502) when it answers outside its contract; neither carries the
 * service's own words. Recalculating moves no money, so it takes no idempotency key: repeating it
 * recalculates again.
 */
export interface UnderwritingService {
  recalculate(userId: string): Promise<UnderwritingDecision>;
}

export interface UnderwritingDecision {
  readonly eligible: boolean;
  /** The float limit in whole cents; 0 when not eligible. */
  readonly limitCents: number;
}
