import { NotFoundError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { FetchRequest } from "../../domain/fetch-request.ts";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import { type NamedSubscription, subscriptionsNamedBy } from "../../domain/store-subscription.ts";
import { type FetchOutcome, fetchSubscription } from "../fetch/fetch-subscription.use-case.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";
import { type UserSubscription, userSubscriptionOf } from "../status/user-subscriptions.query.ts";

const STORE_NAMES = { apple: "the App Store", google: "Google Play" } as const;

/**
 * An operator's (or a service's) "read it from the store now" of one subscription the user holds: the
 * fetch worker's own step (`fetchSubscription`: the store's API, the state kept only if newer by the
 * store's time, the links it implies), run at once instead of queued, then the subscription as the
 * user's list shows it. A repeat reads the store again and keeps nothing the store did not change.
 *
 * The user holds no such subscription: 404. The store cannot be reached (5xx, 429, the network): 503,
 * nothing written. The store does not know it (an unknown id, Google's 410): recorded as
 * `FETCH_FAILED` on the subscription's events, as the worker does, and 404 naming the store's reason.
 */
export async function revalidateUserSubscription(
  deps: PurchasesDeps,
  userId: string,
  id: string,
): Promise<UserSubscription> {
  const held = new Set((await deps.links.linksOfUser(userId)).map((link) => link.subscriptionId));
  const named = subscriptionsNamedBy(id).find((n) => held.has(n.subscriptionId));
  if (!named) throw new NotFoundError("the user holds no such subscription");
  const stored = await deps.purchases.get(named.subscriptionId);
  // Before the store's first state arrived Roster does not know the app: each app of that store, in order.
  const places = stored
    ? [{ app: stored.app, environment: stored.environment }]
    : deps.apps
        .filter((app) => app.platform === named.platform)
        .map((app) => ({ app: app.app, environment: app.environments[0] ?? "production" }));
  let outcome: FetchOutcome | undefined;
  for (const place of places) {
    outcome = await fetchNow(deps, named, {
      platform: named.platform,
      ...place,
      storeId: named.storeId,
      ...(stored?.platform === "google" ? { productId: stored.productId } : {}),
      reason: "revalidation",
      requestId: `operator-revalidation:${deps.ids.next()}`,
    });
    if (outcome.outcome !== "gave-up") break;
  }
  const purchase = await deps.purchases.get(named.subscriptionId);
  if (!outcome || outcome.outcome === "gave-up" || !purchase)
    throw new NotFoundError(
      `${STORE_NAMES[named.platform]} does not know this subscription${outcome?.outcome === "gave-up" ? `: ${outcome.reason}` : ""}`,
    );
  return userSubscriptionOf(deps, purchase, deps.clock.now());
}

async function fetchNow(
  deps: PurchasesDeps,
  named: NamedSubscription,
  request: FetchRequest,
): Promise<FetchOutcome> {
  try {
    return await fetchSubscription(deps, request);
  } catch (error) {
    if (error instanceof StoreApiError && error.retryable)
      throw new UnavailableError(`${STORE_NAMES[named.platform]} cannot be reached now: ${error.reason}`);
    throw error;
  }
}
