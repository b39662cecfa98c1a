import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import type { BillingRecord } from "../../ports/subscription.store.ts";
import type { SubscriptionDeps } from "../subscription.deps.ts";

/** How much of each subscription the billing history answers: three years of monthly cycles, 100 changes. */
export const BILLING_HISTORY_LIMITS = { cycles: 36, changes: 100 } as const;

/**
 * GET /subscriptions/users/{user_id}/billing: the member's whole billing story for the operator
 * console, every subscription they ever had, newest first. Services and operators only; a user never
 * billed has an empty story (not an error: the console shows "none").
 */
export async function getBillingHistory(
  deps: SubscriptionDeps,
  principal: Principal | undefined,
  userId: string,
): Promise<BillingRecord[]> {
  requireKind(principal, ["service", "operator"]);
  return deps.store.billingHistory(userId, BILLING_HISTORY_LIMITS);
}
