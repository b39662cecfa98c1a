import * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { awsConfigSchema } from "./api.config.ts";
import { workerConfigBase } from "./worker.config.ts";

export const paymentWorkerConfigSchema = workerConfigBase.extend({
  ...awsConfigSchema.pick({
    GROWTHBOOK_API_HOST: true,
    GROWTHBOOK_CLIENT_KEY: true,
    GROWTHBOOK_DECRYPTION_KEY: true,
    GROWTHBOOK_TIMEOUT_MS: true,
    GROWTHBOOK_REFRESH_MS: true,
  }).shape,
  USER_SERVICE_API_URL: z
    .url({ protocol: /^https$/ })
    .describe(
      "The User Service's own internal API (API Gateway, IAM auth): the worker bans through it (seed 004).",
    ),
  USER_SERVICE_API_REGION: z
    .string()
    .min(1)
    .optional()
    .describe("The region that API is signed for; AWS_REGION when unset."),
  USER_SERVICE_API_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(29_000)
    .default(10_000)
    .describe("How long a ban through that API may take."),
});

export type PaymentWorkerConfig = z.infer<typeof paymentWorkerConfigSchema>;

export const loadPaymentWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(paymentWorkerConfigSchema, env);
