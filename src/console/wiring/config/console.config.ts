import * as z from "zod";
import { parseConfig } from "../../../platform/config/parse-config.ts";

/** What the console reads on both runtimes. */
export const consoleBaseConfigSchema = z.object({
  CONSOLE_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24)
    .default(8)
    .describe(
      "How long an operator's session lasts from sign-in (hours, 1 to 24): a working day by default.",
    ),
  CONSOLE_CALL_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(29_000)
    .default(10_000)
    .describe("How long the console waits for a service's API before saying it could not be reached."),
});

export type ConsoleBaseConfig = z.infer<typeof consoleBaseConfigSchema>;

export const loadConsoleBaseConfig = (
  env: Record<string, string | undefined> = process.env,
): ConsoleBaseConfig => parseConfig(consoleBaseConfigSchema, env);
