import type * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { brazeTogether, purchasesAwsConfigSchema, purchasesBaseConfigSchema } from "./purchases.config.ts";

/** The subscription-changes worker's variables (subscriptions change feed): the soft opt-in queue (a TTL deletion's cancellations), the snapshot queue, Braze. */
export const subscriptionChangesConfigSchema = purchasesBaseConfigSchema.extend(
  purchasesAwsConfigSchema.pick({
    SOFT_OPT_IN_QUEUE_URL: true,
    SNAPSHOT_QUEUE_URL: true,
    BRAZE_API_URL: true,
    BRAZE_API_KEY_SECRET_ARN: true,
  }).shape,
);

export type SubscriptionChangesConfig = z.infer<typeof subscriptionChangesConfigSchema>;

export const loadSubscriptionChangesConfig = (
  env: Record<string, string | undefined> = process.env,
): SubscriptionChangesConfig => parseConfig(brazeTogether(subscriptionChangesConfigSchema), env);
