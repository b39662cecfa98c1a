import { z } from "@hono/zod-openapi";
import { checkLowBalanceAlert, MAX_LOW_BALANCE_ALERT_CENTS } from "../domain/balance-settings.ts";

const lowBalanceAlert = z.number().superRefine((value, ctx) => {
  const checked = checkLowBalanceAlert(value);
  if (!checked.ok) ctx.addIssue({ code: "custom", message: checked.reason });
});

export const BalanceSettingsInputSchema = z
  .strictObject({
    low_balance_alert: lowBalanceAlert.openapi({
      description: `Alert threshold in whole cents, 0 to ${MAX_LOW_BALANCE_ALERT_CENTS} ($10,000.00)`,
      minimum: 0,
      maximum: MAX_LOW_BALANCE_ALERT_CENTS,
      example: 5000,
    }),
  })
  .openapi("BalanceSettingsInput", { example: { low_balance_alert: 5000 } });

export const BalanceSettingsSchema = z
  .object({
    user_id: z.string(),
    low_balance_alert: z.number().int().openapi({ description: "Whole cents (5000 = $50.00)" }),
    created_at: z.string().openapi({ format: "date-time", description: "First write; never changes" }),
    updated_at: z.string().openapi({ format: "date-time", description: "Last write" }),
  })
  .openapi("BalanceSettings", {
    example: {
      user_id: "auth0|6568a1f2c0ffee",
      low_balance_alert: 5000,
      created_at: "2026-11-22T09:30:00.000Z",
      updated_at: "2026-12-01T18:05:12.000Z",
    },
  });
