import * as z from "zod";
import { envelopeOf } from "../../platform/events/message-envelope.ts";

/** The `updated_event` values the subscription worker acts on (seed 004); others are logged and skipped. */
export const HANDLED_SUBSCRIPTION_EVENTS = ["pause-skipped", "pause-resume"] as const;

/** Every `updated_event` the Subscription Service writes today; a consumer must skip the ones it does not know. */
export const SUBSCRIPTION_UPDATED_EVENTS = [
  "activated",
  "renewed",
  "payment-failed",
  "recovered",
  "upgraded",
  "downgrade-scheduled",
  "downgrade-withdrawn",
  "downgraded",
  "pause-scheduled",
  "pause-skipped",
  "pause-resume",
  "pause-withdrawn",
  "cancel-scheduled",
  "cancel-withdrawn",
  "cancelled",
  "expired",
  "charged-back",
  "fulfilment-changed",
] as const;

/** The subscription's status after the change (the Subscription Service's own, not the membership's). */
export const SUBSCRIPTION_RECORD_STATUSES = [
  "TRIAL",
  "ACTIVE",
  "PAST_DUE",
  "PAUSED",
  "CANCELLED",
  "EXPIRED",
] as const;

const SubscriptionUpdate = z.strictObject({
  updated_event: z
    .string()
    .min(1)
    .meta({
      description: `What changed: one of ${SUBSCRIPTION_UPDATED_EVENTS.join(", ")}, and later others. The User Service acts on pause-skipped and pause-resume; a consumer skips any value it does not know.`,
      examples: [...HANDLED_SUBSCRIPTION_EVENTS],
    }),
  user_id: z.string().min(1),
  subscription_id: z.string().min(1),
  updated_at: z.iso.datetime().meta({ description: "RFC 3339, when the Subscription Service changed it." }),
  pause_date: z.iso.datetime().optional().meta({ description: "RFC 3339, when the pause began." }),
  unpause_date: z.iso.datetime().optional().meta({ description: "RFC 3339, when the pause ends or ended." }),
  next_billing_date: z.iso.date().optional().meta({ description: "YYYY-MM-DD, the next collection." }),
  status: z
    .enum(SUBSCRIPTION_RECORD_STATUSES)
    .optional()
    .meta({ description: "The subscription's status after the change." }),
  reason: z.string().min(1).max(200).optional().meta({
    description: "Why, for a cancellation or a failed payment (`payment_failure`, `card_declined`).",
  }),
  cycle_id: z.string().min(1).optional().meta({ description: "The billing cycle the change is about." }),
});

export const SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE = {
  event_id: "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  event_type: "SubscriptionUpdated",
  version: "1.0.0",
  occurred_at: "2025-04-01T00:00:05.000Z",
  payload: {
    updated_event: "pause-skipped",
    user_id: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
    subscription_id: "sub_3001",
    updated_at: "2025-04-01T00:00:05.000Z",
    pause_date: "2025-03-15T10:00:00.000Z",
    next_billing_date: "2025-05-01",
  },
} as const;

export const SUBSCRIPTION_PAUSE_RESUME_EXAMPLE = {
  event_id: "9f8e7d6c-5b4a-4321-8fed-cba987654321",
  event_type: "SubscriptionUpdated",
  version: "1.0.0",
  occurred_at: "2025-06-01T00:00:07.000Z",
  payload: {
    updated_event: "pause-resume",
    user_id: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
    subscription_id: "sub_3001",
    updated_at: "2025-06-01T00:00:07.000Z",
    unpause_date: "2025-06-01T00:00:00.000Z",
    next_billing_date: "2025-06-01",
  },
} as const;

/** A record of the `{stage}-subscriptions` stream, published by the Subscription Service. */
export const SubscriptionRecordSchema = envelopeOf(
  z.literal("SubscriptionUpdated"),
  "1.0.0",
  SubscriptionUpdate,
).meta({
  title: "SubscriptionUpdated 1.0.0",
  examples: [SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE, SUBSCRIPTION_PAUSE_RESUME_EXAMPLE],
});
export type SubscriptionRecord = z.infer<typeof SubscriptionRecordSchema>;
