import * as z from "zod";
import { requireOneDatabaseSource } from "../../../platform/config/database.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { subscriptionsAwsConfigSchema, subscriptionsDatabaseConfigSchema } from "./api.config.ts";

/**
 * The outbox relay's variables (as the Payment Service's relay): the database, the `subscriptions`
 * stream, the service's bus, the documents bucket, the notices queue, and how long one run (every minute, reserved concurrency 1) keeps relaying.
 */
export const subscriptionsRelayConfigSchema = subscriptionsDatabaseConfigSchema
  .extend({ METRICS_NAMESPACE: subscriptionsAwsConfigSchema.shape.METRICS_NAMESPACE })
  .extend({
    SUBSCRIPTIONS_STREAM_NAME: z
      .string()
      .regex(/^[\w.-]{1,128}$/, "a Kinesis stream name")
      .describe("The `subscriptions` stream, `{stage}-subscriptions`: the role may only put records on it."),
    EVENT_BUS_NAME: z
      .string()
      .regex(/^[\w.\-/]{1,256}$/, "an EventBridge bus name")
      .describe(
        "The bus the catalogue's events (UserSubscriptionStarted, UserSubscriptionCancelled) go to, `{stage}-subscription-service-events`.",
      ),
    DOCUMENTS_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name")
      .describe("The bucket of receipts and plan snapshots: the role may only put and read its objects."),
    NOTIFICATIONS_QUEUE_URL: z
      .url({ protocol: /^https$/ })
      .describe(
        "The members' notices queue, `{stage}-subscription-notifications` (its URL): the role may only send messages to it.",
      ),
    RELAY_RUN_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(50_000)
      .default(45_000)
      .describe(
        "How long one scheduled run keeps relaying after its first drain (0: drain once and stop). Under the function's 60 s timeout and the schedule's minute.",
      ),
    RELAY_POLL_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(10_000)
      .default(1_000)
      .describe("The pause between two looks at an empty outbox within a run."),
  });

/** Each run's lag (milliseconds, dimension `service`: subscription-service); the relay-lag alarm watches it. */
export const SUBSCRIPTIONS_OUTBOX_LAG_METRIC = "subscriptions.outbox.lag";

export type SubscriptionsRelayConfig = z.infer<typeof subscriptionsRelayConfigSchema>;

export const loadSubscriptionsRelayConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(requireOneDatabaseSource(subscriptionsRelayConfigSchema), env);
