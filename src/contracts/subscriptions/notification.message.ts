import * as z from "zod";
import { UserId } from "./catalog.http.ts";

/**
 * The user-facing notices of the Subscription Service, one per change a member should hear of, on its
 * queue `{stage}-subscription-notifications` (SQS on AWS, the local queue locally), for the sender of
 * emails and pushes (outside Roster: it looks the user's address up by `user_id`). A message holds
 * the facts of the notice and no personal data beyond the user id: no name, no address, no card data
 * (not even the card's brand or last digits). `notification_id` is the same on a redelivery: the
 * sender dedupes on it.
 */
export const NOTIFICATION_KINDS = [
  "subscription_started",
  "renewal_receipt",
  "payment_failed",
  "payment_recovered",
  "plan_changed",
  "downgrade_scheduled",
  "pause_scheduled",
  "pause_ending",
  "pause_ended",
  "cancellation_scheduled",
  "subscription_cancelled",
  "subscription_expired",
  "pickup_ready",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const Instant = z.iso.datetime({ offset: true });

export const RENEWAL_RECEIPT_EXAMPLE = {
  notification_id: "0b8f6c1e-7d3a-4f0e-9a51-3c2d1e0f9a8b",
  kind: "renewal_receipt",
  user_id: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  subscription_id: "sub_01JD8X4Q7Z",
  occurred_at: "2027-01-01T09:30:02.000Z",
  tier: "plus",
  amount_cents: 999,
  currency: "USD",
  period_start: "2027-01-01T09:30:00.000Z",
  period_end: "2027-02-01T09:30:00.000Z",
  receipt_key: "subscriptions/sub_01JD8X4Q7Z/cycles/2027-01-01T09:30:00.000Z.json",
} as const;

/** SubscriptionNotification 1.0.0: the JSON body of one queue message. */
export const SubscriptionNotification = z
  .strictObject({
    notification_id: z.string().min(1).meta({ description: "Stable across redeliveries: the dedupe key." }),
    kind: z.enum(NOTIFICATION_KINDS),
    user_id: UserId,
    subscription_id: z.string().min(1),
    occurred_at: Instant,
    tier: z.string().min(1).meta({ description: "The tier the subscription bills (after the change)." }),
    amount_cents: z.number().int().nonnegative().optional().meta({
      description:
        "renewal_receipt, payment_recovered: what was paid; payment_failed: what failed; plan_changed, pause_ending: what the next renewal bills.",
    }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    period_start: Instant.optional().meta({
      description: "renewal_receipt, payment_recovered: the paid period.",
    }),
    period_end: Instant.optional(),
    next_billing_date: Instant.optional().meta({
      description:
        "subscription_started, pause_ended, plan_changed: the next renewal; payment_failed: the next attempt (or, in the grace period, when the subscription ends).",
    }),
    resumes_on: Instant.optional().meta({ description: "pause_ending: the first payment after the pause." }),
    effective_date: Instant.optional().meta({
      description:
        "cancellation_scheduled, subscription_cancelled, subscription_expired, downgrade_scheduled: when it takes effect.",
    }),
    receipt_key: z
      .string()
      .optional()
      .meta({ description: "renewal_receipt: the receipt document's key in the object store." }),
    pickup: z
      .strictObject({ store_id: z.string().min(1), code: z.string().min(1), expires_at: Instant })
      .optional()
      .meta({ description: "pickup_ready: where, with which code, and until when." }),
  })
  .meta({
    id: "SubscriptionNotification",
    title: "SubscriptionNotification 1.0.0",
    examples: [RENEWAL_RECEIPT_EXAMPLE],
  });
export type SubscriptionNotificationMessage = z.infer<typeof SubscriptionNotification>;
