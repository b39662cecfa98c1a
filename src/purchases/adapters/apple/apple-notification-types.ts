import { NotificationTypeV2, Subtype } from "@apple/app-store-server-library";
import type { NotificationOutcome } from "../../domain/notification.ts";

/**
 * What each App Store Server Notification V2 means to Roster, and whether it fetches the subscription's
 * state after it (`fetch`) or only records it (`record`). The keys are the library's enums, typed as
 * `Record`s, so a library version with a new value does not compile until the value is placed here, and
 * the unit suite checks the same at run time. Meanings follow
 * https://developer.apple.com/documentation/appstoreservernotifications/notificationtype and .../subtype.
 */
interface TypeEntry {
  readonly outcome: NotificationOutcome;
  readonly meaning: string;
  /** The subtypes Apple sends with this type; a missing subtype is a row of its own. */
  readonly subtypes: readonly Subtype[];
}

const F = "fetch";
const R = "record";

const TYPES: Record<NotificationTypeV2, TypeEntry> = {
  SUBSCRIBED: {
    outcome: F,
    meaning: "the customer subscribed",
    subtypes: [Subtype.INITIAL_BUY, Subtype.RESUBSCRIBE],
  },
  DID_CHANGE_RENEWAL_PREF: {
    outcome: F,
    meaning: "the customer changed the product the subscription renews to (none: back to the current one)",
    subtypes: [Subtype.UPGRADE, Subtype.DOWNGRADE],
  },
  DID_CHANGE_RENEWAL_STATUS: {
    outcome: F,
    meaning: "auto-renewal was turned on or off",
    subtypes: [Subtype.AUTO_RENEW_ENABLED, Subtype.AUTO_RENEW_DISABLED],
  },
  OFFER_REDEEMED: {
    outcome: F,
    meaning: "the customer redeemed a promotional offer or offer code",
    subtypes: [Subtype.INITIAL_BUY, Subtype.RESUBSCRIBE, Subtype.UPGRADE, Subtype.DOWNGRADE],
  },
  DID_RENEW: { outcome: F, meaning: "the subscription renewed", subtypes: [Subtype.BILLING_RECOVERY] },
  EXPIRED: {
    outcome: F,
    meaning: "the subscription expired",
    subtypes: [
      Subtype.VOLUNTARY,
      Subtype.BILLING_RETRY,
      Subtype.PRICE_INCREASE,
      Subtype.PRODUCT_NOT_FOR_SALE,
    ],
  },
  DID_FAIL_TO_RENEW: {
    outcome: F,
    meaning: "a renewal failed; Apple retries billing (none: without a grace period)",
    subtypes: [Subtype.GRACE_PERIOD],
  },
  GRACE_PERIOD_EXPIRED: { outcome: F, meaning: "the billing grace period ended: access stops", subtypes: [] },
  PRICE_INCREASE: {
    outcome: F,
    meaning: "a price increase was announced to the customer",
    subtypes: [Subtype.PENDING, Subtype.ACCEPTED],
  },
  REFUND: { outcome: F, meaning: "Apple refunded a transaction: the subscription is revoked", subtypes: [] },
  REFUND_DECLINED: { outcome: R, meaning: "Apple declined a refund request: nothing changed", subtypes: [] },
  CONSUMPTION_REQUEST: {
    outcome: R,
    meaning: "Apple asks for consumption data about a refund request: nothing changed",
    subtypes: [],
  },
  RENEWAL_EXTENDED: { outcome: F, meaning: "the renewal date was extended", subtypes: [] },
  REVOKE: {
    outcome: F,
    meaning: "an entitlement through Family Sharing was withdrawn",
    subtypes: [],
  },
  TEST: { outcome: R, meaning: "a test notification requested from the App Store Server API", subtypes: [] },
  RENEWAL_EXTENSION: {
    outcome: R,
    meaning: "progress of a mass renewal-date extension (each extended subscription is fetched on its own)",
    subtypes: [Subtype.SUMMARY, Subtype.FAILURE],
  },
  REFUND_REVERSED: { outcome: F, meaning: "Apple reversed a refund: the access is back", subtypes: [] },
  EXTERNAL_PURCHASE_TOKEN: {
    outcome: R,
    meaning: "an External Purchase token was not reported: not a subscription",
    subtypes: [Subtype.UNREPORTED],
  },
  ONE_TIME_CHARGE: { outcome: R, meaning: "a one-time purchase (not a subscription)", subtypes: [] },
  RESCIND_CONSENT: {
    outcome: R,
    meaning: "a parent or guardian withdrew consent for a child's use of the app",
    subtypes: [],
  },
  METADATA_UPDATE: {
    outcome: F,
    meaning: "an Advanced Commerce subscription's metadata changed",
    subtypes: [],
  },
  MIGRATION: { outcome: F, meaning: "a subscription was migrated to Advanced Commerce", subtypes: [] },
  PRICE_CHANGE: { outcome: F, meaning: "an Advanced Commerce subscription's price changed", subtypes: [] },
};

const SUBTYPES: Record<Subtype, string> = {
  INITIAL_BUY: "a first purchase in the subscription group",
  RESUBSCRIBE: "a purchase after the subscription had ended",
  DOWNGRADE: "to a lower level, from the next renewal",
  UPGRADE: "to a higher level, at once",
  AUTO_RENEW_ENABLED: "renewal turned on",
  AUTO_RENEW_DISABLED: "renewal turned off (by the customer, or by Apple after a refund)",
  VOLUNTARY: "after the customer turned renewal off",
  BILLING_RETRY: "after the billing retry period ended without a payment",
  PRICE_INCREASE: "the customer did not consent to a price increase",
  GRACE_PERIOD: "with a billing grace period: access continues meanwhile",
  PENDING: "the customer has not answered yet",
  ACCEPTED: "the customer consented, or no consent was needed",
  BILLING_RECOVERY: "after a failed renewal: billing recovered",
  PRODUCT_NOT_FOR_SALE: "the product was not for sale at renewal",
  SUMMARY: "the extension is complete",
  FAILURE: "one subscription could not be extended",
  UNREPORTED: "the token was not reported in time",
};

export interface AppleNotificationRow {
  readonly type: NotificationTypeV2;
  readonly subtype: Subtype | undefined;
  readonly outcome: NotificationOutcome;
  readonly meaning: string;
}

/** Every type (alone, then with each subtype it comes with): the table a Markdown page is made from. */
export function appleNotificationTable(): AppleNotificationRow[] {
  return Object.values(NotificationTypeV2).flatMap((type) => {
    const entry = TYPES[type];
    return [
      { type, subtype: undefined, outcome: entry.outcome, meaning: entry.meaning },
      ...entry.subtypes.map((subtype) => ({
        type,
        subtype,
        outcome: entry.outcome,
        meaning: `${entry.meaning}: ${SUBTYPES[subtype]}`,
      })),
    ];
  });
}

/**
 * The outcome of a notification. A type this library version does not know fetches when it carries a
 * transaction (it is about a subscription, and fetching the store's state is always safe: the state only
 * moves forward by its signed date) and is recorded otherwise, so a new kind of notification never makes
 * Apple retry it or drops a change on the floor.
 */
export function appleNotificationOutcome(type: string, hasTransaction: boolean): NotificationOutcome {
  const entry = (TYPES as Partial<Record<string, TypeEntry>>)[type];
  if (entry) return entry.outcome;
  return hasTransaction ? "fetch" : "record";
}
