import * as z from "zod";

/** Variables every runtime reads. */
export const commonConfigSchema = z.object({
  STAGE: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,20}$/, "a lower-case name of letters, digits and dashes, e.g. dev or prod")
    .default("local"),
  LOG_LEVEL: z.enum(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"]).default("INFO"),
});
