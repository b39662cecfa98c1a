import { accessOf, type SubscriptionAccess, type UserAccess, userAccess } from "../../domain/access.ts";
import type { Purchase } from "../../domain/purchase.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";

/** The model's `valid`: until 30 days past the end (its fixed grace), kept for apps that read it. */
export const COMPATIBILITY_GRACE_MS = 30 * 24 * 3600 * 1000;

export interface UserSubscription {
  readonly purchase: Purchase;
  readonly access: SubscriptionAccess;
  readonly valid: boolean;
  readonly productName: string;
}

/** The user's linked subscriptions with where each stands now, latest end first. */
export async function userSubscriptions(
  deps: Pick<PurchasesDeps, "links" | "purchases" | "clock" | "apps">,
  userId: string,
): Promise<UserSubscription[]> {
  const purchases = await linkedPurchases(deps, userId);
  const now = deps.clock.now();
  return purchases
    .map((purchase) => userSubscriptionOf(deps, purchase, now))
    .sort((a, b) => b.purchase.expiresAt.getTime() - a.purchase.expiresAt.getTime());
}

/** One stored subscription as the user's list shows it, judged at `now`. */
export function userSubscriptionOf(
  deps: Pick<PurchasesDeps, "apps">,
  purchase: Purchase,
  now: Date,
): UserSubscription {
  return {
    purchase,
    access: accessOf(purchase, now),
    valid: now.getTime() <= purchase.expiresAt.getTime() + COMPATIBILITY_GRACE_MS,
    productName:
      deps.apps.find((a) => a.platform === purchase.platform && a.app === purchase.app)?.productName ??
      "InAppPurchase",
  };
}

/** `GET /user/access/{userId}`: one answer across both stores. */
export async function accessOfUser(
  deps: Pick<PurchasesDeps, "links" | "purchases" | "clock">,
  userId: string,
): Promise<UserAccess> {
  return userAccess(await linkedPurchases(deps, userId), deps.clock.now());
}

async function linkedPurchases(deps: Pick<PurchasesDeps, "links" | "purchases">, userId: string) {
  const links = await deps.links.linksOfUser(userId);
  return deps.purchases.getMany(links.map((link) => link.subscriptionId));
}
