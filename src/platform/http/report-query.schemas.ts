import { z } from "@hono/zod-openapi";
import { queryInteger } from "./pagination.schemas.ts";

export const DEFAULT_REPORT_DAYS = 30;
export const MAX_REPORT_DAYS = 366;

/** `?days=` of every report endpoint: how many UTC days the report covers, ending today. */
export const ReportQuery = z.object({
  days: queryInteger({ min: 1, max: MAX_REPORT_DAYS, example: DEFAULT_REPORT_DAYS })
    .optional()
    .transform((days) => days ?? DEFAULT_REPORT_DAYS)
    .openapi({
      param: { name: "days", in: "query" },
      default: String(DEFAULT_REPORT_DAYS),
      description: `UTC days the report covers, ending today (the service's clock): 1 to ${MAX_REPORT_DAYS} in decimal digits (default ${DEFAULT_REPORT_DAYS})`,
    }),
});
