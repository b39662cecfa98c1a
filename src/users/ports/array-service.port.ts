/**
 * Array (credit monitoring and identity products, seed 000: "schedules Array cleanup"). When a
 * membership has ended the cleanup worker asks Array to delete the user's enrolment.
 *
 * `scheduleCleanup` is idempotent: scheduling again for the same user answers as the first time, and a
 * user Array does not know needs no cleanup (resolves). Throws `UnavailableError` (503) when Array cannot
 * be reached or asks to come back later, `DependencyError` (502) for an answer outside the contract.
 */
export interface ArrayService {
  scheduleCleanup(userId: string, idempotencyKey: string): Promise<void>;
}
