import type { NotificationOutcome } from "../../domain/notification.ts";

/** One `subscriptionNotification.notificationType` of Google Play's Real-time Developer Notifications. */
export interface PlayNotificationType {
  readonly number: number;
  /** Google's name (`SUBSCRIPTION_RENEWED`), kept as the notification's `type`. */
  readonly name: string;
  readonly outcome: NotificationOutcome;
  readonly meaning: string;
}

/**
 * The numbers Google documents (developer.android.com/google/play/billing/rtdn-reference). Every one is
 * a fetch: a notification only says "look again", and the state comes from subscriptionsv2.get.
 * 17, 18, 19 and 22 (ITEMS_CHANGED, CANCELLATION_SCHEDULED, PRICE_CHANGE_UPDATED,
 * PRICE_STEP_UP_CONSENT_UPDATED) appear only in third-party code, so they are not named here: they fall
 * to `SUBSCRIPTION_UNKNOWN_<n>`, which is fetched too, so nothing is lost by not guessing their names.
 */
const TYPES: readonly (readonly [number, string, string])[] = [
  [1, "SUBSCRIPTION_RECOVERED", "recovered from account hold"],
  [2, "SUBSCRIPTION_RENEWED", "an active subscription renewed"],
  [3, "SUBSCRIPTION_CANCELED", "cancelled, voluntarily or not; runs to its expiry"],
  [4, "SUBSCRIPTION_PURCHASED", "a new purchase; acknowledge it within three days"],
  [5, "SUBSCRIPTION_ON_HOLD", "entered account hold (no access)"],
  [6, "SUBSCRIPTION_IN_GRACE_PERIOD", "entered its grace period (access kept)"],
  [7, "SUBSCRIPTION_RESTARTED", "the member restored it before it expired"],
  [8, "SUBSCRIPTION_PRICE_CHANGE_CONFIRMED", "the member accepted a price change (deprecated)"],
  [9, "SUBSCRIPTION_DEFERRED", "its renewal was deferred"],
  [10, "SUBSCRIPTION_PAUSED", "paused"],
  [11, "SUBSCRIPTION_PAUSE_SCHEDULE_CHANGED", "its pause schedule changed"],
  [12, "SUBSCRIPTION_REVOKED", "revoked before its expiry"],
  [13, "SUBSCRIPTION_EXPIRED", "expired"],
  [20, "SUBSCRIPTION_PENDING_PURCHASE_CANCELED", "a pending purchase was cancelled before payment"],
];

const BY_NUMBER = new Map(
  TYPES.map(([number, name, meaning]) => [number, { number, name, outcome: "fetch", meaning } as const]),
);

/** Every documented type, in number order, for a generated reference table. */
export function playNotificationTable(): readonly PlayNotificationType[] {
  return [...BY_NUMBER.values()];
}

/** The type of a number; one this version does not know is still fetched, since the state may have moved. */
export function playNotificationType(number: number): PlayNotificationType {
  return (
    BY_NUMBER.get(number) ?? {
      number,
      name: `SUBSCRIPTION_UNKNOWN_${number}`,
      outcome: "fetch",
      meaning: "a type this version does not know; the state is fetched in case it changed",
    }
  );
}
