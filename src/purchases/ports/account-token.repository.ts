/**
 * The opaque per-user ids Roster issues for the stores (Apple's `appAccountToken`, a UUID; Google's
 * `obfuscatedExternalAccountId`): one per user, and back from one to its user.
 */
export interface AccountTokenRepository {
  /** The user's token, issued now (`candidate`) if they had none; the same one on every later call. */
  tokenOf(userId: string, candidate: string): Promise<string>;
  userOf(token: string): Promise<string | undefined>;
}
