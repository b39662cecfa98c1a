import * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { workerConfigBase } from "./worker.config.ts";

export const kinesisFeederConfigSchema = workerConfigBase.extend({
  USR_KINESIS_STREAM_USERS: z
    .string()
    .regex(/^[\w.-]{1,128}$/, "a Kinesis stream name")
    .describe(
      "The outbound `users` stream, `{stage}-user-service-users` (seed 004's name for the variable).",
    ),
});

export type KinesisFeederConfig = z.infer<typeof kinesisFeederConfigSchema>;

export const loadKinesisFeederConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(kinesisFeederConfigSchema, env);
