import * as z from "zod";

/**
 * Variables every runtime reads. Each variable's `.describe()` text is what `npm run docs` writes into a
 * service's README (its configuration table), so the documentation is read from the schema.
 */
export const commonConfigSchema = z.object({
  STAGE: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,20}$/, "a lower-case name of letters, digits and dashes, e.g. dev or prod")
    .default("local")
    .describe("The stage every resource name starts with (`{stage}-user-service-users`, ...)."),
  LOG_LEVEL: z
    .enum(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"])
    .default("INFO")
    .describe("The least severe level the logger writes."),
});
