import * as z from "zod";
import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { databaseConfigShape, requireOneDatabaseSource } from "../../../platform/config/database.config.ts";
import { iamPrincipalsSchema } from "../../../platform/config/iam-principals.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";

const https = z.url({ protocol: /^https$/ });
/** At most 29 s: API Gateway gives up on an integration after that, so waiting longer for one is pointless. */
const timeoutMs = (fallback: number) => z.coerce.number().int().min(100).max(29_000).default(fallback);
const internalApi = (service: string) =>
  https.describe(
    `The ${service}, one of the four the membership lifecycle coordinates (API Gateway, IAM auth, SigV4-signed like the Transactions Service): its invoke URL with the stage.`,
  );

/**
 * The API's variables. Workers pick theirs from it by name, so it carries no refinement (zod refuses to
 * pick from a refined object): `loadAwsConfig` adds the one-database-source check. Each `.describe()`
 * is the variable's documentation (`npm run docs` writes it into src/users/README.md).
 */
export const awsConfigSchema = commonConfigSchema.extend({
  AWS_REGION: z
    .string()
    .min(1)
    .describe("Set by Lambda: the primary region, and the one every client uses unless told otherwise."),
  LEGACY_TABLES_REGION: z
    .string()
    .min(1)
    .default("us-east-1")
    .describe(
      "The legacy `user-phone-numbers` and `user-balance-settings` tables live in another region than the primary table (seed 000).",
    ),
  // DATABASE_URL (+ DATABASE_READ_URL), or DATABASE_SECRET_ARN + DATABASE_HOST (+ ...): database.config.ts.
  ...databaseConfigShape,
  AUTH0_ISSUER: https.describe(
    "The Auth0 tenant that signs user tokens (its JWKS verifies them; the legacy gateway's token is verified again here).",
  ),
  AUTH0_AUDIENCE: z.string().min(1).describe("The audience Auth0 user tokens must carry."),
  IAM_PRINCIPALS: iamPrincipalsSchema,
  CLEANUP_QUEUE_URL: https.describe(
    "The standard queue `{stage}-user-service-cleanup` (seed 000): post-cancellation cleanup; the role needs `sqs:SendMessage` on it.",
  ),
  TRANSACTIONS_API_URL: https.describe(
    "The Transactions Service (API Gateway, IAM auth): its invoke URL with the stage, e.g. `https://abc.execute-api.us-east-2.amazonaws.com/prod`.",
  ),
  TRANSACTIONS_API_REGION: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The region the Transactions Service's API is signed for (SigV4 scope); AWS_REGION when unset.",
    ),
  TRANSACTIONS_API_TIMEOUT_MS: timeoutMs(5_000).describe(
    "How long a Transactions Service call may take; API Gateway gives up on an integration after 29 s, so waiting longer is pointless.",
  ),
  EXPERIAN_BASE_URL: https.describe(
    "Experian's API host: `https://us-api.experian.com` (or `sandbox-us-api` for Experian's own sandbox).",
  ),
  EXPERIAN_CLIENT_ID: z.string().min(1).describe("The app's client id for Experian's OAuth password grant."),
  EXPERIAN_CLIENT_SECRET: z
    .string()
    .min(1)
    .describe("The app's client secret for Experian's OAuth password grant."),
  EXPERIAN_USERNAME: z
    .string()
    .min(1)
    .describe("The Experian account's username for the OAuth password grant."),
  EXPERIAN_PASSWORD: z
    .string()
    .min(1)
    .describe("The Experian account's password for the OAuth password grant."),
  EXPERIAN_SUBSCRIBER_CODE: z
    .string()
    .min(1)
    .describe("Experian's subscriber code, sent as `requestor.subscriberCode` with every MLA search."),
  EXPERIAN_TIMEOUT_MS: timeoutMs(10_000).describe("How long an Experian call may take."),
  SUBSCRIPTION_API_URL: internalApi("Subscription Service"),
  SUBSCRIPTION_API_REGION: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The region the Subscription Service's API is signed for (its stack's region on AWS); INTERNAL_API_REGION, else AWS_REGION, when unset.",
    ),
  PAYMENT_API_URL: internalApi("Payment Service"),
  PAYMENT_API_REGION: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The region the Payment Service's API is signed for (its stack's region on AWS); INTERNAL_API_REGION, else AWS_REGION, when unset.",
    ),
  FLOAT_API_URL: internalApi("Float Service"),
  UNDERWRITING_API_URL: internalApi("Underwriting Service"),
  INTERNAL_API_REGION: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The region those four internal APIs are signed for (the Payment and Subscription Services': PAYMENT_API_REGION and SUBSCRIPTION_API_REGION when set); AWS_REGION when unset.",
    ),
  INTERNAL_API_TIMEOUT_MS: timeoutMs(5_000).describe(
    "How long a call to one of those four internal APIs may take (shared by their clients); API Gateway's own integration limit is 29 s.",
  ),
  GROWTHBOOK_API_HOST: https.describe(
    "Growthbook's API (or a self-hosted proxy): the SDK reads `<host>/api/features/<client key>`.",
  ),
  GROWTHBOOK_CLIENT_KEY: z
    .string()
    .min(1)
    .describe("The SDK connection's client key (`sdk-...`): it only reads features."),
  GROWTHBOOK_DECRYPTION_KEY: z
    .string()
    .min(1)
    .optional()
    .describe("Only when the SDK connection encrypts its payload."),
  GROWTHBOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(9_000)
    .default(3_000)
    .describe(
      "How long a load of the features may take. The first load runs with the first catalogue or flag read, and that request or record waits for it.",
    ),
  GROWTHBOOK_REFRESH_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(60_000)
    .describe("How often the SDK polls for a new payload in the background."),
  AUTH0_MANAGEMENT_DOMAIN: z
    .hostname()
    .describe(
      "The Auth0 tenant's Management API, a bare host name (`roster.us.auth0.com`), no scheme or path.",
    ),
  AUTH0_MANAGEMENT_CLIENT_ID: z
    .string()
    .min(1)
    .describe(
      "A machine-to-machine application granted `read:users` and `update:users` (client credentials).",
    ),
  AUTH0_MANAGEMENT_CLIENT_SECRET: z
    .string()
    .min(1)
    .describe("That machine-to-machine application's client secret."),
  AUTH0_MANAGEMENT_TIMEOUT_MS: timeoutMs(5_000).describe(
    "How long a Management API call may take (the SDK retries once).",
  ),
  ROSTER_CURSOR_KEY: z
    .string()
    .min(32)
    .describe(
      "The secret page cursors are sealed with (AES-256-GCM, the key derived by HKDF-SHA-256): at least 32 random characters, the same for every instance of the API; from the stage's vendor secret. Changing it makes every cursor in flight answer 400.",
    ),
  EVENT_BUS_NAME: z
    .string()
    .min(1)
    .max(256)
    .default("user-service.api")
    .describe(
      "The bus the domain events go to: seed 000 names it `user-service.api` (one per account and region, not per stage; a stage sharing an account with another sets its own).",
    ),
  DYNAMODB_ENDPOINT: z
    .url()
    .optional()
    .describe("Only for pointing a bundle at DynamoDB Local in tests; unset on AWS."),
});

export type AwsConfig = z.infer<typeof awsConfigSchema>;

export function loadAwsConfig(env: Record<string, string | undefined> = process.env): AwsConfig {
  return parseConfig(requireOneDatabaseSource(awsConfigSchema), env);
}
