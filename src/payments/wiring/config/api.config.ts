import * as z from "zod";
import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { databaseConfigShape, requireOneDatabaseSource } from "../../../platform/config/database.config.ts";
import { iamPrincipalsSchema } from "../../../platform/config/iam-principals.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";

/**
 * The Payment Service's variables on AWS (its API; the relay and the migration pick theirs from it by
 * name, so a variable means one thing). Each `.describe()` is the variable's documentation.
 *
 * Stripe's budget: API Gateway gives up on an integration after 29 s, and one request makes at most two
 * gateway calls (the customer on a user's first card, then the attach; or the charge alone). With
 * `STRIPE_TIMEOUT_MS` at most 8 s and one retry, two calls take at most 2 x (2 x 8 s + the SDK's backoff
 * under 1 s) < 29 s, so the app answers (503: repeat with the same key) before the gateway cuts it off.
 */
export const paymentsAwsConfigSchema = commonConfigSchema.extend({
  AWS_REGION: z
    .string()
    .min(1)
    .describe("Set by Lambda: the region of the stream, the secrets and the database."),
  DATABASE_URL: databaseConfigShape.DATABASE_URL,
  DATABASE_SECRET_ARN: databaseConfigShape.DATABASE_SECRET_ARN,
  DATABASE_HOST: databaseConfigShape.DATABASE_HOST,
  DATABASE_NAME: databaseConfigShape.DATABASE_NAME,
  IAM_PRINCIPALS: iamPrincipalsSchema,
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "a Stripe secret or restricted key (sk_... or rk_...)")
    .describe("Stripe's secret (or restricted) API key, from the stage's payments vendor secret."),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, "a webhook signing secret (whsec_...)")
    .describe(
      "The signing secret of the Stripe webhook endpoint that posts to `POST /payments/webhooks/stripe`.",
    ),
  STRIPE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(8_000)
    .default(6_000)
    .describe(
      "How long one Stripe request may take (per attempt): at most 8 s, so two calls with one retry each stay under API Gateway's 29 s.",
    ),
  STRIPE_MAX_NETWORK_RETRIES: z.coerce
    .number()
    .int()
    .min(0)
    .max(1)
    .default(1)
    .describe(
      "Retries of a Stripe request the SDK makes on a connection error, 409 or 5xx, with the same idempotency key: 0 or 1 (the 29 s budget).",
    ),
  STRIPE_API_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("Only for pointing a bundle at a Stripe-shaped fake in tests; unset on AWS (api.stripe.com)."),
  ROSTER_CURSOR_KEY: z
    .string()
    .min(32)
    .describe(
      "The secret the charges list's page cursors are sealed with (at least 32 random characters, the same for every instance), from the payments vendor secret. Changing it makes every cursor in flight answer 400.",
    ),
});

export type PaymentsAwsConfig = z.infer<typeof paymentsAwsConfigSchema>;

export function loadPaymentsAwsConfig(env: Record<string, string | undefined> = process.env) {
  return parseConfig(requireOneDatabaseSource(paymentsAwsConfigSchema), env);
}
