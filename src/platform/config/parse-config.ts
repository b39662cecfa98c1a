import type { z } from "zod";
import { ConfigError } from "./config-error.ts";

/** Parses environment variables with a schema; fails fast naming each bad variable and the rule it broke. */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`),
  );
}
