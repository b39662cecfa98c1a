import type * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { purchasesAwsConfigSchema, purchasesBaseConfigSchema } from "./purchases.config.ts";

/** The API's variables: its tables, the fetch queue it enqueues on, what verifies the stores' pushes (Apple's roots, Google's push audience and sender) and what verifies Roster's callers (Auth0's users, IAM_PRINCIPALS). It calls no store API: no store key reaches it. */
export const purchasesApiConfigSchema = purchasesBaseConfigSchema.extend(
  purchasesAwsConfigSchema.pick({
    FETCH_QUEUE_URL: true,
    GOOGLE_PUSH_AUDIENCE: true,
    GOOGLE_PUSH_SERVICE_ACCOUNT: true,
    GOOGLE_PUSH_CERTS_URL: true,
    APPLE_ROOT_CERTIFICATES_DIR: true,
    APPLE_ROOT_CERTIFICATE_SHA256: true,
    APPLE_ONLINE_CHECKS: true,
    AUTH0_ISSUER: true,
    AUTH0_AUDIENCE: true,
    IAM_PRINCIPALS: true,
  }).shape,
);

export type PurchasesApiConfig = z.infer<typeof purchasesApiConfigSchema>;

export const loadPurchasesApiConfig = (
  env: Record<string, string | undefined> = process.env,
): PurchasesApiConfig => parseConfig(purchasesApiConfigSchema, env);
