import { NotFoundError } from "../../../platform/errors/app.errors.ts";
import { appOf } from "../../domain/apps.ts";
import type { Purchase } from "../../domain/purchase.ts";
import { type Platform, subscriptionIdOf } from "../../domain/store-subscription.ts";
import { fetchSubscription } from "../fetch/fetch-subscription.use-case.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";

/**
 * A subscription's stored state, or, when Roster has none yet (the app asks before the store's first
 * notification arrived), the store's state fetched now and kept. Unknown to the store: 404.
 */
export async function subscriptionStatus(
  deps: PurchasesDeps,
  platform: Platform,
  app: string,
  storeId: string,
): Promise<Purchase> {
  const subscriptionId = subscriptionIdOf(platform, storeId);
  const stored = await deps.purchases.get(subscriptionId);
  if (stored) return stored;
  const known = appOf(deps.apps, platform, app);
  if (!known) throw new NotFoundError(`no ${platform} app ${JSON.stringify(app)} is served here`);
  const outcome = await fetchSubscription(deps, {
    platform,
    app,
    environment: known.environments[0] ?? "production",
    storeId,
    reason: "link",
    requestId: `status:${deps.ids.next()}`,
  });
  const fetched = outcome.outcome === "gave-up" ? undefined : await deps.purchases.get(subscriptionId);
  if (!fetched) throw new NotFoundError(`the store does not know this ${platform} subscription`);
  return fetched;
}
