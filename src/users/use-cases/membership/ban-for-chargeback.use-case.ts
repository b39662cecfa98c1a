import { FEATURE_FLAGS, type MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { BanOutcome, UserServiceApi } from "../../ports/user-service-api.port.ts";

export interface ChargebackDeps {
  readonly catalog: MembershipCatalog;
  readonly api: UserServiceApi;
}

/** Seed 004's words, sent as the ban's reason. */
export const CHARGEBACK_BAN_REASON = "user banned from user-service for returned payment";

export type ChargebackOutcome = BanOutcome | "flag-off";

/**
 * Seed 004's payment worker for a CHARGED_BACK payment: when the Growthbook flag EnableChargebackBan is
 * on for the user, ban them through the User Service API (a service call, so the ban takes the same path
 * as an operator's: subscription cancelled, Auth0 blocked, CANCELLED (BANNED) and the user BANNED).
 * Naturally idempotent: the API refuses (409) to ban a banned user, so a redelivery writes nothing.
 */
export async function banForChargeback(deps: ChargebackDeps, userId: string): Promise<ChargebackOutcome> {
  if (!(await deps.catalog.isOn(FEATURE_FLAGS.enableChargebackBan, { userId }))) return "flag-off";
  return deps.api.banUser(userId, CHARGEBACK_BAN_REASON);
}
