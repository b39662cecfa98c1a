/**
 * A subscription as a store tells it, normalised across the App Store and Google Play: what a fetch of
 * the store's API answers (the authoritative state), never what a notification claims.
 */
export type Platform = "apple" | "google";

/** The store's environment: Apple's Production / Sandbox, Google's test purchases as `sandbox`. */
export type StoreEnvironment = "production" | "sandbox";

/**
 * Where the subscription stands at the store:
 * - ACTIVE: paid up (also when cancelled and running to its end: `autoRenew` false, `canceledAt` set);
 * - GRACE_PERIOD: a renewal failed and the store keeps access while it retries;
 * - BILLING_RETRY: a renewal failed, the store retries, no access (Google's ON_HOLD, account hold);
 * - PAUSED: paused by the member (Google);
 * - PENDING: bought and not yet paid (Google's pending purchases);
 * - EXPIRED: ended, no access;
 * - REVOKED: refunded or revoked by the store (or family sharing withdrawn), no access.
 */
export const STORE_STATES = [
  "ACTIVE",
  "GRACE_PERIOD",
  "BILLING_RETRY",
  "PAUSED",
  "PENDING",
  "EXPIRED",
  "REVOKED",
] as const;
export type StoreState = (typeof STORE_STATES)[number];

/** Who bought it: the member, or a family member who shares it with them (Apple Family Sharing). */
export type Ownership = "PURCHASED" | "FAMILY_SHARED";

export interface StoreSubscription {
  readonly platform: Platform;
  /** The store's own id: Apple's originalTransactionId, Google's purchaseToken. */
  readonly storeId: string;
  /** Apple's bundle id, Google's package name. */
  readonly app: string;
  readonly environment: StoreEnvironment;
  readonly productId: string;
  readonly state: StoreState;
  readonly startAt: Date;
  readonly expiresAt: Date;
  /** When the store stops the grace period (Apple's gracePeriodExpiresDate, Google's IN_GRACE_PERIOD end). */
  readonly graceExpiresAt?: Date;
  readonly autoRenew: boolean;
  /** When the member (or the store) turned renewal off, or the store revoked it. */
  readonly canceledAt?: Date;
  /** The current period is a free trial (Apple's offerType/offerDiscountType, Google's offerPhase). */
  readonly freeTrial: boolean;
  /** ISO 8601 duration of one billing period (`P1M`), where the store says it. */
  readonly billingPeriod?: string;
  readonly ownership: Ownership;
  /** Google: the purchase token this one replaces (upgrade, downgrade, re-subscribe). */
  readonly linkedPurchaseToken?: string;
  /**
   * The opaque per-user id Roster issued and the app passed to the store at purchase (Apple's
   * `appAccountToken`, Google's `obfuscatedExternalAccountId`), if any.
   */
  readonly accountToken?: string;
  /** Google: the purchase still needs acknowledging (acknowledgementState PENDING). */
  readonly needsAcknowledgement?: boolean;
  /**
   * The store's own time for this state: the newest `signedDate` of Apple's signed transaction and renewal
   * info; for Google (whose v2 answer is not signed) the time of the fetch. The stored state only moves
   * forward by it.
   */
  readonly signedAt: Date;
}

/** The stored id of a store's subscription: `apple:{originalTransactionId}`, `google:{purchaseToken}`. */
export function subscriptionIdOf(platform: Platform, storeId: string): string {
  return `${platform}:${storeId}`;
}

/** A store subscription as an id names it: its store, the store's own id and Roster's stored id. */
export interface NamedSubscription {
  readonly platform: Platform;
  readonly storeId: string;
  readonly subscriptionId: string;
}

/**
 * What an id an operator or a service holds may name, most likely first. A stored id
 * (`apple:{originalTransactionId}`, `google:{purchaseToken}`, as the access answer shows it) names one;
 * a bare store id (as the subscriptions list shows it) is looked up in both stores, the App Store
 * first when it is all digits (an originalTransactionId), else Google Play only (a purchase token).
 */
export function subscriptionsNamedBy(id: string): NamedSubscription[] {
  const named = (platform: Platform, storeId: string) => ({
    platform,
    storeId,
    subscriptionId: subscriptionIdOf(platform, storeId),
  });
  for (const platform of ["apple", "google"] as const)
    if (id.startsWith(`${platform}:`)) return [named(platform, id.slice(platform.length + 1))];
  return /^[0-9]+$/.test(id) ? [named("apple", id), named("google", id)] : [named("google", id)];
}
