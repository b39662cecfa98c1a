import { z } from "zod";
import { commonConfigSchema } from "../../platform/config/common.config.ts";
import { parseConfig } from "../../platform/config/parse-config.ts";
import { awsConfigSchema } from "./aws.config.ts";

/**
 * Each worker Lambda reads only the variables it uses (a worker that cannot reach Experian should not
 * need its secrets); the definitions are the API's, picked by name, so a variable means one thing.
 */
const workerBase = commonConfigSchema.extend({
  ...awsConfigSchema.pick({ AWS_REGION: true, DYNAMODB_ENDPOINT: true }).shape,
});

const growthbook = awsConfigSchema.pick({
  GROWTHBOOK_API_HOST: true,
  GROWTHBOOK_CLIENT_KEY: true,
  GROWTHBOOK_DECRYPTION_KEY: true,
  GROWTHBOOK_TIMEOUT_MS: true,
  GROWTHBOOK_REFRESH_MS: true,
}).shape;

export const paymentWorkerConfigSchema = workerBase.extend({
  ...growthbook,
  /** The User Service's own internal API (API Gateway, IAM auth): the worker bans through it (seed 004). */
  USER_SERVICE_API_URL: z.url({ protocol: /^https$/ }),
  /** Region the API is signed for; AWS_REGION when unset. */
  USER_SERVICE_API_REGION: z.string().min(1).optional(),
  USER_SERVICE_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(29_000).default(10_000),
});

export const subscriptionsWorkerConfigSchema = workerBase.extend({
  ...awsConfigSchema.pick({ EVENT_BUS_NAME: true }).shape,
  /** Segment's source write key (it only sends). */
  SEGMENT_WRITE_KEY: z.string().min(1),
  /** Segment's API host (the EU workspace's, or a proxy; http only for a loopback test double). */
  SEGMENT_HOST: z.url({ protocol: /^https?$/ }).optional(),
  /** CloudWatch namespace of the business metrics (EMF). */
  METRICS_NAMESPACE: z.string().min(1).max(255).default("Roster"),
});

export const kinesisFeederConfigSchema = workerBase.extend({
  /** Seed 004's name for the outbound stream's variable: `{stage}-user-service-users`. */
  USR_KINESIS_STREAM_USERS: z.string().regex(/^[\w.-]{1,128}$/, "a Kinesis stream name"),
});

export const cleanupWorkerConfigSchema = workerBase.extend({
  ...awsConfigSchema.pick({
    TRANSACTIONS_API_URL: true,
    TRANSACTIONS_API_REGION: true,
    TRANSACTIONS_API_TIMEOUT_MS: true,
    AUTH0_MANAGEMENT_DOMAIN: true,
    AUTH0_MANAGEMENT_CLIENT_ID: true,
    AUTH0_MANAGEMENT_CLIENT_SECRET: true,
    AUTH0_MANAGEMENT_TIMEOUT_MS: true,
  }).shape,
  /** Array's API host, e.g. https://api.array.io (an assumed contract: ARCHITECTURE.md, "Array"). */
  ARRAY_API_URL: z.url({ protocol: /^https$/ }),
  ARRAY_API_KEY: z.string().min(1),
  ARRAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(29_000).default(5_000),
});

export type PaymentWorkerConfig = z.infer<typeof paymentWorkerConfigSchema>;
export type SubscriptionsWorkerConfig = z.infer<typeof subscriptionsWorkerConfigSchema>;
export type KinesisFeederConfig = z.infer<typeof kinesisFeederConfigSchema>;
export type CleanupWorkerConfig = z.infer<typeof cleanupWorkerConfigSchema>;

export const loadPaymentWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(paymentWorkerConfigSchema, env);
export const loadSubscriptionsWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(subscriptionsWorkerConfigSchema, env);
export const loadKinesisFeederConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(kinesisFeederConfigSchema, env);
export const loadCleanupWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(cleanupWorkerConfigSchema, env);
