import type { androidpublisher_v3 } from "@googleapis/androidpublisher";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import type { StoreState, StoreSubscription } from "../../domain/store-subscription.ts";

export type SubscriptionPurchaseV2 = androidpublisher_v3.Schema$SubscriptionPurchaseV2;
type LineItem = androidpublisher_v3.Schema$SubscriptionPurchaseLineItem;

export interface PlayPurchaseContext {
  readonly packageName: string;
  readonly purchaseToken: string;
  /** When it was fetched: Google's v2 answer is not signed, so this is its `signedAt`. */
  readonly fetchedAt: Date;
}

/**
 * `subscriptionState` to Roster's state. Google has no revoked state: a revoked or voided subscription
 * answers SUBSCRIPTION_STATE_EXPIRED (the v42 typings carry no revocation field either), so REVOKED is
 * never read from here; CANCELED is decided on its expiry (below).
 */
const STATES: Readonly<Record<string, StoreState>> = {
  SUBSCRIPTION_STATE_ACTIVE: "ACTIVE",
  SUBSCRIPTION_STATE_IN_GRACE_PERIOD: "GRACE_PERIOD",
  SUBSCRIPTION_STATE_ON_HOLD: "BILLING_RETRY",
  SUBSCRIPTION_STATE_PAUSED: "PAUSED",
  SUBSCRIPTION_STATE_PENDING: "PENDING",
  SUBSCRIPTION_STATE_EXPIRED: "EXPIRED",
  SUBSCRIPTION_STATE_PENDING_PURCHASE_CANCELED: "EXPIRED",
};

/** A SubscriptionPurchaseV2 (purchases.subscriptionsv2.get) as Roster's store-neutral subscription. */
export function toStoreSubscription(
  purchase: SubscriptionPurchaseV2,
  context: PlayPurchaseContext,
): StoreSubscription {
  const item = latestItem(purchase.lineItems ?? []);
  const state = purchase.subscriptionState ?? "SUBSCRIPTION_STATE_UNSPECIFIED";
  // A pending purchase has no start and maybe no expiry yet: it is dated by the fetch.
  const expiresAt = item?.expiryTime ? new Date(item.expiryTime) : context.fetchedAt;
  const canceled = state === "SUBSCRIPTION_STATE_CANCELED";
  const mapped = canceled ? (expiresAt > context.fetchedAt ? "ACTIVE" : "EXPIRED") : STATES[state];
  if (!mapped)
    throw new StoreApiError(`Google Play answered an unknown subscriptionState ${state}`, {
      retryable: false,
    });
  if (!item?.productId)
    throw new StoreApiError("Google Play answered a subscription without line items", { retryable: false });
  const cancelTime = purchase.canceledStateContext?.userInitiatedCancellation?.cancelTime;
  const account = purchase.externalAccountIdentifiers?.obfuscatedExternalAccountId;
  return {
    platform: "google",
    storeId: context.purchaseToken,
    app: context.packageName,
    environment: purchase.testPurchase ? "sandbox" : "production",
    productId: item.productId,
    state: mapped,
    startAt: purchase.startTime ? new Date(purchase.startTime) : context.fetchedAt,
    expiresAt,
    // In grace, Play extends the line item's expiry to the grace period's end.
    ...(mapped === "GRACE_PERIOD" ? { graceExpiresAt: expiresAt } : {}),
    autoRenew: !canceled && (purchase.lineItems ?? []).some((i) => i.autoRenewingPlan?.autoRenewEnabled),
    ...(cancelTime ? { canceledAt: new Date(cancelTime) } : {}),
    // v42 has no billing period on a line item (it is the base plan's, monetization.subscriptions.get).
    freeTrial: Boolean(item.offerPhase?.freeTrial),
    ownership: "PURCHASED",
    ...(purchase.linkedPurchaseToken ? { linkedPurchaseToken: purchase.linkedPurchaseToken } : {}),
    ...(account ? { accountToken: account } : {}),
    needsAcknowledgement: purchase.acknowledgementState === "ACKNOWLEDGEMENT_STATE_PENDING",
    signedAt: context.fetchedAt,
  };
}

/** The line item that runs longest: its expiry is the subscription's (add-ons may end sooner). */
function latestItem(items: readonly LineItem[]): LineItem | undefined {
  const expiry = (item: LineItem) =>
    item.expiryTime ? Date.parse(item.expiryTime) : Number.NEGATIVE_INFINITY;
  let latest: LineItem | undefined;
  for (const item of items) if (!latest || expiry(item) > expiry(latest)) latest = item;
  return latest;
}
