import type * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { purchasesAwsConfigSchema, purchasesBaseConfigSchema } from "./purchases.config.ts";

/** The revalidation run's variables (EventBridge Scheduler, every 15 minutes): the expiry index it reads and the fetch queue it fills. */
export const revalidationConfigSchema = purchasesBaseConfigSchema.extend(
  purchasesAwsConfigSchema.pick({ FETCH_QUEUE_URL: true }).shape,
);

export type RevalidationConfig = z.infer<typeof revalidationConfigSchema>;

export const loadRevalidationConfig = (
  env: Record<string, string | undefined> = process.env,
): RevalidationConfig => parseConfig(revalidationConfigSchema, env);
