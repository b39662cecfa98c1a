import type * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { brazeTogether, purchasesAwsConfigSchema, purchasesBaseConfigSchema } from "./purchases.config.ts";

/** The link-changes worker's variables (user-subscriptions change feed): the soft opt-in queue, and Braze for the apps' welcome campaigns. */
export const linkChangesConfigSchema = purchasesBaseConfigSchema.extend(
  purchasesAwsConfigSchema.pick({
    SOFT_OPT_IN_QUEUE_URL: true,
    BRAZE_API_URL: true,
    BRAZE_API_KEY_SECRET_ARN: true,
  }).shape,
);

export type LinkChangesConfig = z.infer<typeof linkChangesConfigSchema>;

export const loadLinkChangesConfig = (
  env: Record<string, string | undefined> = process.env,
): LinkChangesConfig => parseConfig(brazeTogether(linkChangesConfigSchema), env);
