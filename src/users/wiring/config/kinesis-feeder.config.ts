import * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";
import { workerConfigBase } from "./worker.config.ts";

export const kinesisFeederConfigSchema = workerConfigBase.extend({
  /** Seed 004's name for the outbound stream's variable: `{stage}-user-service-users`. */
  USR_KINESIS_STREAM_USERS: z.string().regex(/^[\w.-]{1,128}$/, "a Kinesis stream name"),
});

export type KinesisFeederConfig = z.infer<typeof kinesisFeederConfigSchema>;

export const loadKinesisFeederConfig = (env: Record<string, string | undefined> = process.env) =>
  parseConfig(kinesisFeederConfigSchema, env);
