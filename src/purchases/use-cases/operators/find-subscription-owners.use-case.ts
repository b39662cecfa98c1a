import { NotFoundError } from "../../../platform/errors/app.errors.ts";
import { type Platform, subscriptionsNamedBy } from "../../domain/store-subscription.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";
import { type UserSubscription, userSubscriptionOf } from "../status/user-subscriptions.query.ts";

export interface SubscriptionOwners {
  readonly platform: Platform;
  /** The store's own id: Apple's originalTransactionId, Google's purchase token. */
  readonly storeId: string;
  /** Who holds it, in id order (the `subscriptionId-userId` index's order). */
  readonly userIds: readonly string[];
  /** The stored state judged now; absent while the store's state has not arrived. */
  readonly subscription?: UserSubscription;
}

/**
 * Who holds a store subscription, for the operator console's search by a store's purchase id: the
 * links of the subscription the id names (`subscriptionId-userId`, a query, never a Scan), with its
 * stored state. A bare id is tried in each store it may belong to (`subscriptionsNamedBy`). Unknown,
 * or known and held by nobody (a link severed, a state fetched for a restore never linked): 404.
 */
export async function findSubscriptionOwners(
  deps: Pick<PurchasesDeps, "links" | "purchases" | "clock" | "apps">,
  id: string,
): Promise<SubscriptionOwners> {
  for (const named of subscriptionsNamedBy(id)) {
    const links = await deps.links.usersOf(named.subscriptionId);
    if (links.length === 0) continue;
    const purchase = await deps.purchases.get(named.subscriptionId);
    return {
      platform: named.platform,
      storeId: named.storeId,
      userIds: [...new Set(links.map((link) => link.userId))].sort(),
      ...(purchase ? { subscription: userSubscriptionOf(deps, purchase, deps.clock.now()) } : {}),
    };
  }
  throw new NotFoundError("no user holds this subscription, or Roster does not know it");
}
