import * as z from "zod";
import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { databaseConfigShape, requireOneDatabaseSource } from "../../../platform/config/database.config.ts";
import { iamPrincipalsSchema } from "../../../platform/config/iam-principals.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";

/**
 * The Subscription Service's variables on AWS shared by its functions (the API's; the billing run,
 * the relay and the workers pick theirs from it by name and add their own, so a variable means one
 * thing). Each `.describe()` is the variable's documentation.
 */
export const subscriptionsAwsConfigSchema = commonConfigSchema.extend({
  AWS_REGION: z
    .string()
    .min(1)
    .describe("Set by Lambda: the region of the stream, the bus, the secrets and the database."),
  DATABASE_URL: databaseConfigShape.DATABASE_URL,
  DATABASE_SECRET_ARN: databaseConfigShape.DATABASE_SECRET_ARN,
  DATABASE_HOST: databaseConfigShape.DATABASE_HOST,
  DATABASE_NAME: databaseConfigShape.DATABASE_NAME,
  IAM_PRINCIPALS: iamPrincipalsSchema,
  METRICS_NAMESPACE: z
    .string()
    .min(1)
    .max(255)
    .default("Roster")
    .describe(
      "The CloudWatch namespace of the service's metrics (EMF): `subscriptions.recovery.window`, `subscriptions.outbox.lag`.",
    ),
});

export type SubscriptionsAwsConfig = z.infer<typeof subscriptionsAwsConfigSchema>;

export const loadSubscriptionsAwsConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(requireOneDatabaseSource(subscriptionsAwsConfigSchema), env);

/** What every function of the service reads: its database and its names. */
export const subscriptionsDatabaseConfigSchema = subscriptionsAwsConfigSchema.pick({
  STAGE: true,
  LOG_LEVEL: true,
  AWS_REGION: true,
  DATABASE_URL: true,
  DATABASE_SECRET_ARN: true,
  DATABASE_HOST: true,
  DATABASE_NAME: true,
});

export type SubscriptionsDatabaseConfig = z.infer<typeof subscriptionsDatabaseConfigSchema>;

/** The stream workers' variables: the database only (they call no other service). */
export const loadSubscriptionsWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(requireOneDatabaseSource(subscriptionsDatabaseConfigSchema), env);
