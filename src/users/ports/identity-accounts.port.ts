/**
 * The user's login account at the identity provider (Auth0 in seed 000: "blocks accounts during
 * cleanup"). A blocked account cannot sign in; Roster's own records are unchanged.
 *
 * Every call is idempotent: blocking a blocked account or unblocking an unblocked one succeeds and
 * changes nothing. Failures are the platform's `DependencyError` (502: refused credentials, no such
 * account, an answer outside the contract) and `UnavailableError` (503: not reachable in time, rate
 * limited); neither repeats the provider's words.
 */
export interface IdentityAccounts {
  block(userId: string): Promise<void>;
  unblock(userId: string): Promise<void>;
  isBlocked(userId: string): Promise<boolean>;
}
