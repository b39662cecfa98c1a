import { appOf } from "../../domain/apps.ts";
import type { Purchase } from "../../domain/purchase.ts";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import { type StoreSubscription, subscriptionIdOf } from "../../domain/store-subscription.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";

/**
 * What the store's state says beyond itself, each step idempotent (a redelivered fetch repeats them
 * harmlessly): acknowledge a Google purchase not yet acknowledged (Play refunds it after three days
 * otherwise), carry the links of the purchase a Google upgrade replaced, and link the user whose
 * account token the app gave the store at purchase.
 */
export async function followStoreLinks(
  deps: PurchasesDeps,
  state: StoreSubscription,
  stored: Purchase | undefined,
): Promise<void> {
  const subscriptionId = subscriptionIdOf(state.platform, state.storeId);
  if (state.platform === "google" && state.needsAcknowledgement) await acknowledge(deps, state);
  if (state.linkedPurchaseToken)
    await replaceLinked(deps, subscriptionIdOf("google", state.linkedPurchaseToken), subscriptionId);
  if (state.accountToken && stored?.replacedBy === undefined) {
    const userId = await userOfToken(deps, state);
    // A token Roster did not issue (another stage's, a client's bug) links nobody; the state is kept.
    if (userId)
      await deps.links.link({ userId, subscriptionId, source: "account-token", createdAt: deps.clock.now() });
  }
}

/**
 * Acknowledges a new Google purchase. A terminal refusal (a token Play no longer takes) is recorded on
 * the subscription's events and the fetch goes on: retrying would only hold its group until the
 * dead-letter queue. A retryable one throws, and the whole fetch is retried (every step is idempotent).
 */
async function acknowledge(deps: PurchasesDeps, state: StoreSubscription): Promise<void> {
  try {
    await deps.google.api.acknowledge({
      packageName: state.app,
      purchaseToken: state.storeId,
      productId: state.productId,
    });
  } catch (error) {
    if (!(error instanceof StoreApiError) || error.retryable) throw error;
    const now = deps.clock.now();
    await deps.notifications.record({
      platform: "google",
      notificationId: `acknowledge-failed:${deps.ids.next()}`,
      type: "ACKNOWLEDGE_FAILED",
      app: state.app,
      environment: state.environment,
      sentAt: now,
      storeId: state.storeId,
      outcome: "record",
      receivedAt: now,
      note: error.reason,
    });
  }
}

/**
 * Whose token it is: Roster's own (issued by `GET /user/purchase-token`), or for an app configured with
 * `accountTokens: "braze"` a Braze external id, exchanged through Braze (the seed's Feast apps).
 */
async function userOfToken(deps: PurchasesDeps, state: StoreSubscription): Promise<string | undefined> {
  const token = state.accountToken as string;
  const app = appOf(deps.apps, state.platform, state.app);
  if (app?.accountTokens === "braze") return deps.braze ? deps.braze.identityOf(token) : undefined;
  return deps.tokens.userOf(token);
}

/**
 * An upgrade, downgrade or re-subscription on Google: the old token's purchase is marked replaced (it
 * gives no access any more) and its users are linked to the new one without a new opt-in. The old link
 * rows stay until the old purchase's TTL deletes it, which severs them without a cancellation.
 */
async function replaceLinked(deps: PurchasesDeps, oldId: string, newId: string): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const old = await deps.purchases.get(oldId);
    if (!old || old.replacedBy === newId) break;
    if (await deps.purchases.save({ ...old, replacedBy: newId, version: old.version + 1 }, old.version))
      break;
  }
  for (const link of await deps.links.usersOf(oldId))
    await deps.links.link({
      userId: link.userId,
      subscriptionId: newId,
      source: "linked-purchase",
      createdAt: deps.clock.now(),
    });
}

/** Purchase tokens are secrets of a kind: logs name a subscription by its platform and a short prefix. */
export function shortId(subscriptionId: string): string {
  return `${subscriptionId.slice(0, subscriptionId.indexOf(":") + 7)}…`;
}
