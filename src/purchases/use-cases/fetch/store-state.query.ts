import { appOf } from "../../domain/apps.ts";
import type { FetchRequest } from "../../domain/fetch-request.ts";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import type { StoreEnvironment, StoreSubscription } from "../../domain/store-subscription.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";

/**
 * The store's state of the subscription. Apple's notifications name their environment; a link or a
 * restore does not, so those look in the app's environments in order (production first), as Apple
 * advises: a terminal "not found" in one moves on to the next.
 */
export async function readStoreState(
  deps: Pick<PurchasesDeps, "apple" | "google" | "apps">,
  request: FetchRequest,
): Promise<StoreSubscription> {
  if (request.platform === "google")
    return deps.google.api.subscription({ packageName: request.app, purchaseToken: request.storeId });
  const environments: readonly StoreEnvironment[] =
    request.reason === "notification"
      ? [request.environment]
      : (appOf(deps.apps, "apple", request.app)?.environments ?? [request.environment]);
  let last: unknown;
  for (const environment of environments) {
    try {
      return await deps.apple.api.subscription({
        bundleId: request.app,
        environment,
        originalTransactionId: request.storeId,
      });
    } catch (error) {
      if (!(error instanceof StoreApiError) || error.retryable) throw error;
      last = error;
    }
  }
  throw last ?? new StoreApiError("the app has no environment to look in", { retryable: false });
}
