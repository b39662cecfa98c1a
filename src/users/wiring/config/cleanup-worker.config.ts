import * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { awsConfigSchema } from "./api.config.ts";
import { workerConfigBase } from "./worker.config.ts";

export const cleanupWorkerConfigSchema = workerConfigBase.extend({
  ...awsConfigSchema.pick({
    TRANSACTIONS_API_URL: true,
    TRANSACTIONS_API_REGION: true,
    TRANSACTIONS_API_TIMEOUT_MS: true,
    AUTH0_MANAGEMENT_DOMAIN: true,
    AUTH0_MANAGEMENT_CLIENT_ID: true,
    AUTH0_MANAGEMENT_CLIENT_SECRET: true,
    AUTH0_MANAGEMENT_TIMEOUT_MS: true,
  }).shape,
  ARRAY_API_URL: z
    .url({ protocol: /^https$/ })
    .describe(
      'Array\'s API host, e.g. `https://api.array.io` (an assumed contract: src/users/README.md, "Array").',
    ),
  ARRAY_API_KEY: z.string().min(1).describe("Array's API key, sent as `x-array-api-key`."),
  ARRAY_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(29_000)
    .default(5_000)
    .describe("How long an Array call may take."),
});

export type CleanupWorkerConfig = z.infer<typeof cleanupWorkerConfigSchema>;

export const loadCleanupWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(cleanupWorkerConfigSchema, env);
