import type { Purchase } from "./purchase.ts";
import type { Platform, StoreState } from "./store-subscription.ts";

/**
 * Where a subscription stands for access now: the store's state, judged at `now` (a state fetched as
 * ACTIVE whose expiry has passed since is EXPIRED; a grace period that has ended is BILLING_RETRY).
 */
export type AccessState = StoreState;

export interface SubscriptionAccess {
  readonly subscriptionId: string;
  readonly platform: Platform;
  readonly productId: string;
  readonly state: AccessState;
  readonly access: boolean;
  readonly expiresAt: Date;
  readonly graceExpiresAt?: Date;
  readonly autoRenew: boolean;
}

/** The states that give access (while their end has not passed). */
const ACCESS_STATES: ReadonlySet<StoreState> = new Set(["ACTIVE", "GRACE_PERIOD"]);

export function effectiveState(purchase: Purchase, now: Date): AccessState {
  const t = now.getTime();
  if (purchase.state === "ACTIVE" && purchase.expiresAt.getTime() <= t)
    return purchase.autoRenew ? "BILLING_RETRY" : "EXPIRED";
  if (purchase.state === "GRACE_PERIOD" && (purchase.graceExpiresAt?.getTime() ?? 0) <= t)
    return "BILLING_RETRY";
  return purchase.state;
}

export function accessOf(purchase: Purchase, now: Date): SubscriptionAccess {
  const state = effectiveState(purchase, now);
  return {
    subscriptionId: purchase.subscriptionId,
    platform: purchase.platform,
    productId: purchase.productId,
    state,
    access: ACCESS_STATES.has(state) && purchase.replacedBy === undefined,
    expiresAt: purchase.expiresAt,
    ...(purchase.graceExpiresAt ? { graceExpiresAt: purchase.graceExpiresAt } : {}),
    autoRenew: purchase.autoRenew,
  };
}

/** One answer per user across both stores: access if any subscription gives it, until the latest end. */
export interface UserAccess {
  readonly access: boolean;
  /** When the access known now ends (the latest end among the subscriptions that give it). */
  readonly accessUntil?: Date;
  readonly subscriptions: readonly SubscriptionAccess[];
}

export function userAccess(purchases: readonly Purchase[], now: Date): UserAccess {
  const subscriptions = purchases
    .map((purchase) => accessOf(purchase, now))
    .sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
  const ends = subscriptions
    .filter((s) => s.access)
    .map((s) => (s.state === "GRACE_PERIOD" && s.graceExpiresAt ? s.graceExpiresAt : s.expiresAt).getTime());
  return {
    access: ends.length > 0,
    ...(ends.length > 0 ? { accessUntil: new Date(Math.max(...ends)) } : {}),
    subscriptions,
  };
}
