import * as z from "zod";
import { requireOneDatabaseSource } from "../../../platform/config/database.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { paymentsAwsConfigSchema } from "./api.config.ts";

/**
 * The outbox relay's variables: the database, the stream and how long one scheduled run keeps relaying.
 * EventBridge Scheduler starts a run every minute (the finest rate it has); a run drains the outbox,
 * then keeps polling every `RELAY_POLL_MS` until `RELAY_RUN_MS` has passed, so a committed record waits
 * about a poll interval, not a minute, for the stream.
 */
export const outboxRelayConfigSchema = paymentsAwsConfigSchema
  .pick({
    STAGE: true,
    LOG_LEVEL: true,
    AWS_REGION: true,
    DATABASE_URL: true,
    DATABASE_SECRET_ARN: true,
    DATABASE_HOST: true,
    DATABASE_NAME: true,
  })
  .extend({
    PAYMENTS_STREAM_NAME: z
      .string()
      .regex(/^[\w.-]{1,128}$/, "a Kinesis stream name")
      .describe("The `payments` stream, `{stage}-payments`: the role may only put records on it."),
    RELAY_RUN_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(50_000)
      .default(45_000)
      .describe(
        "How long one scheduled run keeps relaying after its first drain (0: drain once and stop). Under the function's 60 s timeout and the schedule's minute, so runs never overlap.",
      ),
    RELAY_POLL_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(10_000)
      .default(1_000)
      .describe("The pause between two looks at an empty outbox within a run."),
    METRICS_NAMESPACE: z
      .string()
      .min(1)
      .max(255)
      .default("Roster")
      .describe("The CloudWatch namespace of `payments.outbox.lag` (EMF)."),
  });

/**
 * The metric each run publishes (milliseconds, dimension `service`: payment-service): how long the oldest
 * record it found had waited since its commit. The stack's relay-lag alarm watches it.
 */
export const OUTBOX_LAG_METRIC = "payments.outbox.lag";

export type OutboxRelayConfig = z.infer<typeof outboxRelayConfigSchema>;

export const loadOutboxRelayConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(requireOneDatabaseSource(outboxRelayConfigSchema), env);
