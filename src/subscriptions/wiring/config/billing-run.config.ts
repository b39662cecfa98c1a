import * as z from "zod";
import { requireOneDatabaseSource } from "../../../platform/config/database.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { subscriptionsAwsConfigSchema, subscriptionsDatabaseConfigSchema } from "./api.config.ts";

const apiUrl = (service: string) =>
  z
    .url({ protocol: /^https?$/ })
    .describe(
      `The ${service}'s API (API Gateway, IAM authorization): its invoke URL with the stage, SigV4-signed with the function's role.`,
    );
const apiRegion = (service: string) =>
  z
    .string()
    .min(1)
    .optional()
    .describe(`The region the ${service}'s API is signed for; AWS_REGION when unset.`);

/**
 * The billing run's variables: EventBridge Scheduler starts it every 5 minutes (reserved concurrency 1).
 * It claims due cycles in batches while more than `BILLING_RESERVE_MS` of the function's time is left
 * and at most `BILLING_MAX_BATCHES` of them, charges through the Payment Service, then tells the User
 * Service what it did on its own (the follow-ups).
 */
export const billingRunConfigSchema = subscriptionsDatabaseConfigSchema
  .extend({ METRICS_NAMESPACE: subscriptionsAwsConfigSchema.shape.METRICS_NAMESPACE })
  .extend({
    PAYMENT_API_URL: apiUrl("Payment Service").describe(
      "The Payment Service's API with its `payments` segment (`https://.../prod/payments`): renewals are charged there, SigV4-signed.",
    ),
    PAYMENT_API_REGION: apiRegion("Payment Service"),
    USER_API_URL: apiUrl("User Service").describe(
      "The User Service's internal API (`https://.../prod`): the runner's follow-ups (finalize a downgrade, complete a cancellation), SigV4-signed.",
    ),
    USER_API_REGION: apiRegion("User Service"),
    INTERNAL_API_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(29_000)
      .default(10_000)
      .describe("How long one call to the Payment or User Service may take (API Gateway's own limit: 29 s)."),
    BILLING_BATCH_SIZE: z.coerce
      .number()
      .int()
      .min(1)
      .max(500)
      .default(100)
      .describe("Due cycles claimed per transaction."),
    BILLING_MAX_BATCHES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(20)
      .describe("At most this many batches per run; the next run (5 minutes later) takes the rest."),
    BILLING_RESERVE_MS: z.coerce
      .number()
      .int()
      .min(10_000)
      .max(600_000)
      .default(60_000)
      .describe(
        "No new batch is claimed with less than this left of the function's time: a batch's charges and the follow-ups must finish.",
      ),
  });

export type BillingRunConfig = z.infer<typeof billingRunConfigSchema>;

export const loadBillingRunConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(requireOneDatabaseSource(billingRunConfigSchema), env);
