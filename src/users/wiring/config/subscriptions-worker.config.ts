import * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { awsConfigSchema } from "./api.config.ts";
import { workerConfigBase } from "./worker.config.ts";

export const subscriptionsWorkerConfigSchema = workerConfigBase.extend({
  ...awsConfigSchema.pick({ EVENT_BUS_NAME: true }).shape,
  SEGMENT_WRITE_KEY: z.string().min(1).describe("Segment's source write key (it only sends)."),
  SEGMENT_HOST: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe(
      "Segment's API host (the EU workspace's, or a proxy; http only for a loopback test double); unset: Segment's default.",
    ),
  METRICS_NAMESPACE: z
    .string()
    .min(1)
    .max(255)
    .default("Roster")
    .describe("The CloudWatch namespace of the business metrics (EMF)."),
});

export type SubscriptionsWorkerConfig = z.infer<typeof subscriptionsWorkerConfigSchema>;

export const loadSubscriptionsWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(subscriptionsWorkerConfigSchema, env);
