import { z } from "@hono/zod-openapi";

export const PauseRequestSchema = z
  .strictObject({
    membership_pause_duration_months: z.number().int().min(1).openapi({
      example: 2,
      description: "Whole months, 1 to the pause maximum (Growthbook `membership-pause-max-months`)",
    }),
  })
  .openapi("PauseRequest");

export const UnpauseRequestSchema = z
  .strictObject({
    charge: z.boolean().openapi({
      example: false,
      description: "true: collect the current price now and resume at once; false: resume at the next cycle",
    }),
  })
  .openapi("UnpauseRequest");
