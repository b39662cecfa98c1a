import type { FetchRequest } from "../../domain/fetch-request.ts";
import { isNewer, type Purchase, withKnownCancellation, withRevocation } from "../../domain/purchase.ts";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import { type StoreSubscription, subscriptionIdOf } from "../../domain/store-subscription.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";
import { followStoreLinks } from "./store-links.steps.ts";
import { readStoreState } from "./store-state.query.ts";

export type FetchOutcome =
  | { readonly outcome: "stored"; readonly subscriptionId: string; readonly version: number }
  | { readonly outcome: "unchanged"; readonly subscriptionId: string }
  | { readonly outcome: "gave-up"; readonly subscriptionId: string; readonly reason: string };

/** Attempts at the optimistic write before the message goes back to the queue. */
const WRITE_ATTEMPTS = 3;

/**
 * The fetch worker's step: read the store's authoritative state, keep it if it is newer than the stored
 * one (by the store's own time), then follow what it says: acknowledge a new Google purchase, carry the
 * links of the purchase an upgrade replaced, link the user whose account token the store returned.
 * A retryable store failure throws (the queue retries, then its dead-letter queue); a terminal one (410,
 * an unknown id) is recorded on the subscription's events and the message is done.
 */
export async function fetchSubscription(deps: PurchasesDeps, request: FetchRequest): Promise<FetchOutcome> {
  const subscriptionId = subscriptionIdOf(request.platform, request.storeId);
  let state: StoreSubscription;
  try {
    state = await readStoreState(deps, request);
  } catch (error) {
    if (!(error instanceof StoreApiError) || error.retryable) throw error;
    await deps.notifications.record({
      platform: request.platform,
      notificationId: `fetch-failed:${request.requestId}`,
      type: "FETCH_FAILED",
      app: request.app,
      environment: request.environment,
      sentAt: deps.clock.now(),
      storeId: request.storeId,
      outcome: "record",
      receivedAt: deps.clock.now(),
      note: error.reason,
    });
    return { outcome: "gave-up", subscriptionId, reason: error.reason };
  }
  const written = await keepIfNewer(deps, subscriptionId, state, request.revoked === true);
  await followStoreLinks(deps, state, written ?? (await deps.purchases.get(subscriptionId)));
  return written
    ? { outcome: "stored", subscriptionId, version: written.version }
    : { outcome: "unchanged", subscriptionId };
}

/** The purchase as written, or undefined when the stored one is as new or newer. */
async function keepIfNewer(
  deps: PurchasesDeps,
  subscriptionId: string,
  fetched: StoreSubscription,
  revoked: boolean,
): Promise<Purchase | undefined> {
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const stored = await deps.purchases.get(subscriptionId);
    if (!isNewer(fetched, stored)) return undefined;
    const state = withRevocation(withKnownCancellation(fetched, stored), stored, revoked, deps.clock.now());
    const purchase: Purchase = {
      ...state,
      subscriptionId,
      ...(stored?.replacedBy ? { replacedBy: stored.replacedBy } : {}),
      fetchedAt: deps.clock.now(),
      version: (stored?.version ?? 0) + 1,
    };
    if (await deps.purchases.save(purchase, stored?.version)) return purchase;
  }
  throw new Error(`subscription ${subscriptionId}: ${WRITE_ATTEMPTS} writes lost to concurrent ones`);
}
