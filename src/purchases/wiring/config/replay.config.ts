import type * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { purchasesAwsConfigSchema, purchasesBaseConfigSchema } from "./purchases.config.ts";

/** The daily replay's variables: Apple's notification history (the App Store key, Apple's roots) and the fetch queue its notifications enqueue on. */
export const replayConfigSchema = purchasesBaseConfigSchema.extend(
  purchasesAwsConfigSchema.pick({
    FETCH_QUEUE_URL: true,
    APPLE_ROOT_CERTIFICATES_DIR: true,
    APPLE_ROOT_CERTIFICATE_SHA256: true,
    APPLE_ONLINE_CHECKS: true,
    APP_STORE_KEY_SECRET_ARN: true,
    APP_STORE_API_BASE_URL: true,
  }).shape,
);

export type ReplayConfig = z.infer<typeof replayConfigSchema>;

export const loadReplayConfig = (env: Record<string, string | undefined> = process.env): ReplayConfig =>
  parseConfig(replayConfigSchema, env);
