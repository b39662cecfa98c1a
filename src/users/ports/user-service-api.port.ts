/**
 * The User Service's own API as the workers call it (seed 004: the payment worker bans through
 * `POST /{user_id}/user/ban` as a service, not by writing the table itself). On AWS an IAM-signed call
 * to the internal API Gateway; locally the same request handed to the in-process app with a service
 * token from the local issuer.
 */
export interface UserServiceApi {
  /**
   * `banned`: the ban was written now; `refused`: the API answered 409 (already banned, or a state the
   * lifecycle does not ban from), so nothing more will come of retrying; `unknown-user`: 404.
   * Throws `UnavailableError` for 5xx / unreachable (retry later) and `DependencyError` for anything
   * else outside the contract (a 400, 401 or 403 means Roster is misconfigured).
   */
  banUser(userId: string, reason: string): Promise<BanOutcome>;
}

export type BanOutcome = "banned" | "refused" | "unknown-user";
