import type * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { brazeTogether, purchasesAwsConfigSchema, purchasesBaseConfigSchema } from "./purchases.config.ts";

/** The fetch worker's variables: the stores' APIs (the App Store key, Google's service account, Apple's roots for the signed answers) and Braze for apps whose account tokens are Braze ids. */
export const fetchWorkerConfigSchema = purchasesBaseConfigSchema.extend(
  purchasesAwsConfigSchema.pick({
    FETCH_QUEUE_URL: true,
    APPLE_ROOT_CERTIFICATES_DIR: true,
    APPLE_ROOT_CERTIFICATE_SHA256: true,
    APPLE_ONLINE_CHECKS: true,
    APP_STORE_KEY_SECRET_ARN: true,
    APP_STORE_API_BASE_URL: true,
    GOOGLE_SERVICE_ACCOUNT_SECRET_ARN: true,
    BRAZE_API_URL: true,
    BRAZE_API_KEY_SECRET_ARN: true,
  }).shape,
);

export type FetchWorkerConfig = z.infer<typeof fetchWorkerConfigSchema>;

export const loadFetchWorkerConfig = (
  env: Record<string, string | undefined> = process.env,
): FetchWorkerConfig => parseConfig(brazeTogether(fetchWorkerConfigSchema), env);
