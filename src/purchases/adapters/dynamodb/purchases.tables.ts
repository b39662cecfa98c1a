import type { TableSpec } from "../../../platform/store/table-spec.ts";

/**
 * `{stage}-purchases-subscriptions`: one item per store subscription (HASH subscriptionId, as the model
 * keys it), deleted by TTL 30 months after it expires; its change feed severs the links of a deleted
 * one. `expiry-index` (expiry day, expiry time) is what revalidation reads, a day at a time: never a Scan.
 */
export const subscriptionsTable = {
  name: "purchases-subscriptions",
  partitionKey: { name: "subscriptionId", type: "S" },
  indexes: {
    "expiry-index": {
      partitionKey: { name: "expiryDay", type: "S" },
      sortKey: { name: "expiresAt", type: "S" },
    },
  },
  ttlAttribute: "ttl",
  stream: true,
} as const satisfies TableSpec;

/**
 * `{stage}-purchases-subscription-events`: every verified notification once (HASH subscriptionId, RANGE
 * `{sentAt}|{type}|{notificationId}`), and a marker item per notification id that makes the record
 * conditional (a redelivery finds it). `date-index` (day received, event key) feeds the daily export.
 */
export const subscriptionEventsTable = {
  name: "purchases-subscription-events",
  partitionKey: { name: "subscriptionId", type: "S" },
  sortKey: { name: "eventKey", type: "S" },
  indexes: {
    "date-index": { partitionKey: { name: "date", type: "S" }, sortKey: { name: "eventKey", type: "S" } },
  },
  ttlAttribute: "ttl",
} as const satisfies TableSpec;

/**
 * `{stage}-purchases-user-subscriptions`: which user holds which subscription (HASH userId, RANGE
 * subscriptionId, GSI `subscriptionId-userId`). Its change feed sends the soft opt-in of a new link.
 */
export const userSubscriptionsTable = {
  name: "purchases-user-subscriptions",
  partitionKey: { name: "userId", type: "S" },
  sortKey: { name: "subscriptionId", type: "S" },
  indexes: {
    "subscriptionId-userId": {
      partitionKey: { name: "subscriptionId", type: "S" },
      sortKey: { name: "userId", type: "S" },
    },
  },
  stream: true,
} as const satisfies TableSpec;

/** `{stage}-purchases-account-tokens`: `user#{id}` -> its store account token, `token#{token}` -> the user. */
export const accountTokensTable = {
  name: "purchases-account-tokens",
  partitionKey: { name: "key", type: "S" },
} as const satisfies TableSpec;

export const purchasesTables: readonly TableSpec[] = [
  subscriptionsTable,
  subscriptionEventsTable,
  userSubscriptionsTable,
  accountTokensTable,
];
