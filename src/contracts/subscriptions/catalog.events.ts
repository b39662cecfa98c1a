import * as z from "zod";
import { UserId } from "./catalog.http.ts";

/**
 * The catalogue's bus events of the Subscription Service (seed 002), with exactly FlowMart's fields:
 * EventBridge on AWS (source `roster.subscriptions`, detail-type the event's name), the local bus
 * locally. `userId` is an Auth0 id, not a UUID (catalog.http.ts says why).
 */
export const SUBSCRIPTION_BUS_SOURCE = "roster.subscriptions";

export const USER_SUBSCRIPTION_STARTED_EXAMPLE = {
  subscriptionId: "sub_01JD8X4Q7Z",
  userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  planId: "plus:2026-01:MONTHLY",
  startDate: "2026-12-01T09:30:00.000Z",
  billingCycle: "monthly",
  timestamp: "2026-12-01T09:30:00.000Z",
} as const;

/** UserSubscriptionStarted 0.0.1: required subscriptionId, userId, planId, startDate, timestamp. */
export const UserSubscriptionStarted = z
  .strictObject({
    subscriptionId: z.string().min(1),
    userId: UserId,
    planId: z.string().min(1),
    startDate: z.iso.datetime({ offset: true }),
    billingCycle: z.enum(["monthly", "quarterly", "yearly"]).optional(),
    timestamp: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: "UserSubscriptionStarted",
    title: "UserSubscriptionStarted 0.0.1",
    examples: [USER_SUBSCRIPTION_STARTED_EXAMPLE],
  });

export const USER_SUBSCRIPTION_CANCELLED_EXAMPLE = {
  subscriptionId: "sub_01JD8X4Q7Z",
  userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  planId: "plus:2026-01:MONTHLY",
  cancellationReason: "payment_failure",
  effectiveDate: "2027-01-15T09:30:00.000Z",
  timestamp: "2027-01-15T09:30:02.000Z",
} as const;

/** UserSubscriptionCancelled 0.0.1: required subscriptionId, userId, timestamp. */
export const UserSubscriptionCancelled = z
  .strictObject({
    subscriptionId: z.string().min(1),
    userId: UserId,
    planId: z.string().min(1).optional(),
    cancellationReason: z.string().min(1).optional(),
    effectiveDate: z.iso.datetime({ offset: true }).optional(),
    timestamp: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: "UserSubscriptionCancelled",
    title: "UserSubscriptionCancelled 0.0.1",
    examples: [USER_SUBSCRIPTION_CANCELLED_EXAMPLE],
  });

export const SUBSCRIPTION_BUS_EVENTS = {
  UserSubscriptionStarted,
  UserSubscriptionCancelled,
} as const;
export type SubscriptionBusEventName = keyof typeof SUBSCRIPTION_BUS_EVENTS;
