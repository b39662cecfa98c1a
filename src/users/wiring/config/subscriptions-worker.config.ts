import * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { awsConfigSchema } from "./api.config.ts";
import { workerConfigBase } from "./worker.config.ts";

export const subscriptionsWorkerConfigSchema = workerConfigBase.extend({
  ...awsConfigSchema.pick({ EVENT_BUS_NAME: true }).shape,
  /** Segment's source write key (it only sends). */
  SEGMENT_WRITE_KEY: z.string().min(1),
  /** Segment's API host (the EU workspace's, or a proxy; http only for a loopback test double). */
  SEGMENT_HOST: z.url({ protocol: /^https?$/ }).optional(),
  /** CloudWatch namespace of the business metrics (EMF). */
  METRICS_NAMESPACE: z.string().min(1).max(255).default("Roster"),
});

export type SubscriptionsWorkerConfig = z.infer<typeof subscriptionsWorkerConfigSchema>;

export const loadSubscriptionsWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(subscriptionsWorkerConfigSchema, env);
