import type * as z from "zod";
import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { purchasesAwsConfigSchema } from "./purchases.config.ts";

/** The API's TOKEN authorizer on the users' routes: the tenant and the audience, as the API reads them. */
export const purchasesAuthorizerConfigSchema = commonConfigSchema.extend(
  purchasesAwsConfigSchema.pick({ AUTH0_ISSUER: true, AUTH0_AUDIENCE: true }).shape,
);

export type PurchasesAuthorizerConfig = z.infer<typeof purchasesAuthorizerConfigSchema>;

export const loadPurchasesAuthorizerConfig = (
  env: Record<string, string | undefined> = process.env,
): PurchasesAuthorizerConfig => parseConfig(purchasesAuthorizerConfigSchema, env);
