import * as z from "zod";
import type { QueueDeclaration } from "../../platform/events/channel.contract.ts";

/**
 * The soft opt-ins of in-app purchases (seed 001), on the Purchases service's queue
 * `{stage}-purchases-soft-opt-ins` (SQS on AWS, the local queue locally), which the User Service reads to
 * record a consent item (seed 003's consent records). `Acquisition`: a subscription was linked to a user
 * (a link call, the account token at purchase); `Cancellation`: the subscription was deleted (its
 * retention ended) and the link severed, for every user it was linked to. A message holds no personal
 * data beyond the user id; `message_id` is the same on a redelivery, and the consent it records is keyed
 * by `occurred_at`, so a redelivery records nothing twice.
 */
export const SOFT_OPT_IN_EVENTS = ["Acquisition", "Cancellation"] as const;
export type SoftOptInEvent = (typeof SOFT_OPT_IN_EVENTS)[number];

export const SOFT_OPT_IN_EXAMPLE = {
  message_id: "acquisition:apple:2000000123456789:auth0|5f7c1e2d9b1a4c0069a1b2c3",
  event_type: "Acquisition",
  user_id: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
  subscription_id: "apple:2000000123456789",
  platform: "apple",
  product_name: "InAppPurchase",
  occurred_at: "2027-01-01T09:30:02.000Z",
} as const;

/** SoftOptIn 1.0.0: the JSON body of one queue message. */
export const SoftOptInMessage = z
  .strictObject({
    message_id: z.string().min(1).meta({ description: "Stable across redeliveries: the dedupe key." }),
    event_type: z.enum(SOFT_OPT_IN_EVENTS),
    user_id: z.string().min(1).max(256),
    subscription_id: z
      .string()
      .regex(/^(apple|google):.+$/)
      .meta({
        description: "The Purchases service's id: `apple:{originalTransactionId}`, `google:{token}`.",
      }),
    platform: z.enum(["apple", "google"]),
    product_name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/)
      .meta({ description: "What the member opted in through: `InAppPurchase`, `FeastInAppPurchase`." }),
    occurred_at: z.iso.datetime({ offset: true }).meta({
      description: "When the link was made (Acquisition) or severed (Cancellation): the consent's time.",
    }),
  })
  .meta({ title: "SoftOptIn 1.0.0", examples: [SOFT_OPT_IN_EXAMPLE] });
export type SoftOptInMessage = z.infer<typeof SoftOptInMessage>;

/** The queue's short name, as the Purchases service declares it and the User Service reads it. */
export const SOFT_OPT_IN_QUEUE = "soft-opt-ins";

/** `{stage}-purchases-soft-opt-ins`, owned by the Purchases service, read by the User Service. */
export const softOptInQueue: QueueDeclaration = {
  name: SOFT_OPT_IN_QUEUE,
  physicalName: (stage) => `${stage}-purchases-soft-opt-ins`,
  deadLetterName: (stage) => `${stage}-purchases-soft-opt-ins-dlq`,
};
