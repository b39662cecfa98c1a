import type * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { awsConfigSchema } from "./api.config.ts";
import { workerConfigBase } from "./worker.config.ts";

/**
 * The soft opt-in worker's variables (the Purchases service's queue `{stage}-purchases-soft-opt-ins`):
 * the users table it records the consents in, and the bus its ConsentRecorded events go to.
 */
export const softOptInWorkerConfigSchema = workerConfigBase.extend({
  ...awsConfigSchema.pick({ EVENT_BUS_NAME: true }).shape,
});

export type SoftOptInWorkerConfig = z.infer<typeof softOptInWorkerConfigSchema>;

export const loadSoftOptInWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(softOptInWorkerConfigSchema, env);
