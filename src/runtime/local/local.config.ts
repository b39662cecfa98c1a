import { z } from "zod";
import { commonConfigSchema } from "../../platform/config/common.config.ts";
import { parseConfig } from "../../platform/config/parse-config.ts";

export const localConfigSchema = commonConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  ROSTER_DATA_DIR: z.string().min(1).default("./.roster"),
  /** An external PostgreSQL instead of the embedded one (e.g. a developer's own server). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
});

export type LocalConfig = z.infer<typeof localConfigSchema>;

export function loadLocalConfig(env: Record<string, string | undefined> = process.env): LocalConfig {
  return parseConfig(localConfigSchema, env);
}
