import * as z from "zod";

/**
 * The catalogue's Subscription Service API (seed 002; FlowMart's SubscriptionService v0.0.1), exactly:
 *
 * | message (version) | operation | answers |
 * |---|---|---|
 * | SubscribeUser 0.0.1 | `POST /subscriptions` | 201 CatalogSubscription; 400 problem+json naming the field |
 * | CancelSubscription 0.0.1 | `POST /subscriptions/{subscriptionId}/cancel` | 200 CatalogSubscription; 404 |
 * | GetSubscriptionStatus 0.0.2 | `GET /subscriptions/{userId}/status` | 200 SubscriptionStatus (exactly its eight fields); 404 |
 *
 * One deviation, on purpose: FlowMart types `userId` as a UUID; Roster's user ids are Auth0 ids
 * (`auth0|5f7c...`), so `userId` here is any id of 1 to 128 printable characters, UUIDs included.
 * Paths are relative to the service's base URL (`/subscriptions` on the local port). Amounts are in
 * the currency's major unit, as the catalogue has them.
 */
export const USER_ID_DESCRIPTION =
  "The user's id. FlowMart types it as a UUID; Roster's ids are Auth0 ids (`auth0|...`), and both are accepted.";

export const UserId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[!-~]+$/, "must be printable ASCII without spaces, e.g. auth0|5f7c1e2d9b1a4c0069a1b2c3")
  .meta({ description: USER_ID_DESCRIPTION, example: "auth0|5f7c1e2d9b1a4c0069a1b2c3" });

export const CATALOG_PAYMENT_METHODS = ["CreditCard", "DebitCard", "BankTransfer", "PayPal"] as const;

const Timestamp = z.iso
  .datetime({ offset: true })
  .meta({ description: "RFC 3339: when the caller sent it." });

export const SUBSCRIBE_USER_EXAMPLE = {
  userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  planId: "plus:2026-01:MONTHLY",
  paymentMethod: "DebitCard",
  startDate: "2026-12-01T09:30:00.000Z",
  timestamp: "2026-12-01T09:30:00.000Z",
} as const;

/** SubscribeUser 0.0.1: required userId, planId, paymentMethod and timestamp; startDate defaults to now. */
export const SubscribeUser = z
  .strictObject({
    userId: UserId,
    planId: z.string().min(1).max(200).meta({
      description: "A plan of the catalogue: `{tier}:{tier_version}:{term}`, e.g. plus:2026-01:MONTHLY.",
    }),
    paymentMethod: z.enum(CATALOG_PAYMENT_METHODS),
    startDate: z.iso.datetime({ offset: true }).optional().meta({
      description: "When the first period starts (default now); a later date is a free trial until then.",
    }),
    timestamp: Timestamp,
  })
  .meta({ id: "SubscribeUser", title: "SubscribeUser 0.0.1", examples: [SUBSCRIBE_USER_EXAMPLE] });

export const CANCEL_SUBSCRIPTION_EXAMPLE = {
  subscriptionId: "sub_01JD8X4Q7Z",
  userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  reason: "too expensive",
  cancelImmediately: false,
  timestamp: "2026-12-01T09:30:00.000Z",
} as const;

/** CancelSubscription 0.0.1: `cancelImmediately` true ends billing now, otherwise at the period's end. */
export const CancelSubscription = z
  .strictObject({
    subscriptionId: z.string().min(1).max(64),
    userId: UserId,
    reason: z.string().min(1).max(200).optional(),
    cancelImmediately: z
      .boolean()
      .optional()
      .meta({ description: "true: now; otherwise at the period's end." }),
    timestamp: Timestamp,
  })
  .meta({
    id: "CancelSubscription",
    title: "CancelSubscription 0.0.1",
    examples: [CANCEL_SUBSCRIPTION_EXAMPLE],
  });

export const SUBSCRIPTION_STATUS_EXAMPLE = {
  userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  subscriptionStatus: "active",
  subscriptionPlan: "plus:2026-01:MONTHLY",
  nextBillingDate: "2027-01-01T09:30:00.000Z",
  billingFrequency: "monthly",
  amount: 9.99,
  currency: "USD",
  lastPaymentDate: "2026-12-01T09:30:01.000Z",
} as const;

/**
 * GetSubscriptionStatus 0.0.2's answer: exactly these eight fields, all required, no other. FlowMart
 * requires `lastPaymentDate` as a date-time, so a subscription not paid yet answers when it was created.
 */
export const SubscriptionStatusAnswer = z
  .strictObject({
    userId: UserId,
    subscriptionStatus: z.enum(["active", "canceled", "expired", "pending"]),
    subscriptionPlan: z.string().min(1),
    nextBillingDate: z.iso.datetime({ offset: true }),
    billingFrequency: z.enum(["monthly", "yearly"]),
    amount: z.number().nonnegative().meta({ description: "What the next renewal bills, in the major unit." }),
    currency: z.string().regex(/^[A-Z]{3}$/),
    lastPaymentDate: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: "SubscriptionStatus",
    title: "GetSubscriptionStatus 0.0.2",
    examples: [SUBSCRIPTION_STATUS_EXAMPLE],
  });

/** What SubscribeUser and CancelSubscription answer: the subscription as it now stands. */
export const CatalogSubscription = z
  .strictObject({
    subscriptionId: z.string().min(1),
    userId: UserId,
    planId: z.string().min(1),
    status: z.enum(["TRIAL", "ACTIVE", "PAST_DUE", "PAUSED", "CANCELLED", "EXPIRED"]),
    startDate: z.iso.datetime({ offset: true }),
    currentPeriodEnd: z.iso.datetime({ offset: true }),
    billingCycle: z.enum(["monthly", "yearly"]),
    cancelAt: z.iso.datetime({ offset: true }).optional(),
    cancelledAt: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({
    id: "CatalogSubscription",
    examples: [
      {
        subscriptionId: "sub_01JD8X4Q7Z",
        userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
        planId: "plus:2026-01:MONTHLY",
        status: "ACTIVE",
        startDate: "2026-12-01T09:30:00.000Z",
        currentPeriodEnd: "2027-01-01T09:30:00.000Z",
        billingCycle: "monthly",
      },
    ],
  });

export type SubscribeUser = z.infer<typeof SubscribeUser>;
export type CancelSubscription = z.infer<typeof CancelSubscription>;
export type SubscriptionStatusAnswer = z.infer<typeof SubscriptionStatusAnswer>;
export type CatalogSubscription = z.infer<typeof CatalogSubscription>;
