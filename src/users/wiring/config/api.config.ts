import * as z from "zod";
import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { databaseConfigShape, requireOneDatabaseSource } from "../../../platform/config/database.config.ts";
import { parseConfig } from "../../../platform/config/parse-config.ts";

/** Maps IAM caller ARNs (prefix match) to the principal they act as, e.g. `{"arn:aws:iam::1:role/subs": "service:subscriptions"}`. */
const iamPrincipals = z
  .string()
  .default("{}")
  .transform((text, ctx) => {
    try {
      return z.record(z.string(), z.string().regex(/^(service|operator):[\w.-]+$/)).parse(JSON.parse(text));
    } catch {
      ctx.addIssue({
        code: "custom",
        message: 'a JSON object of ARN prefix -> "service:<name>" | "operator:<name>"',
      });
      return z.NEVER;
    }
  });

/**
 * The API's variables. Workers pick theirs from it by name, so it carries no refinement (zod refuses to
 * pick from a refined object): `loadAwsConfig` adds the one-database-source check.
 */
export const awsConfigSchema = commonConfigSchema.extend({
  AWS_REGION: z.string().min(1),
  /** The legacy tables live in another region than the primary table (seed 000). */
  LEGACY_TABLES_REGION: z.string().min(1).default("us-east-1"),
  /** DATABASE_URL (+ DATABASE_READ_URL), or DATABASE_SECRET_ARN + DATABASE_HOST (+ ...): database.config.ts. */
  ...databaseConfigShape,
  AUTH0_ISSUER: z.url({ protocol: /^https$/ }),
  AUTH0_AUDIENCE: z.string().min(1),
  IAM_PRINCIPALS: iamPrincipals,
  /** The standard queue `{stage}-user-service-cleanup` (seed 000): post-cancellation cleanup. */
  CLEANUP_QUEUE_URL: z.url({ protocol: /^https$/ }),
  /** Transactions Service (API Gateway, IAM auth): invoke URL with stage, e.g. https://abc.execute-api.us-east-2.amazonaws.com/prod */
  TRANSACTIONS_API_URL: z.url({ protocol: /^https$/ }),
  /** Region its API is signed for (SigV4 scope); AWS_REGION when unset. */
  TRANSACTIONS_API_REGION: z.string().min(1).optional(),
  /** API Gateway gives up on an integration after 29 s: waiting longer is pointless. */
  TRANSACTIONS_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(29_000).default(5_000),
  /** Experian's API host: https://us-api.experian.com (or sandbox-us-api for Experian's own sandbox). */
  EXPERIAN_BASE_URL: z.url({ protocol: /^https$/ }),
  /** Experian's OAuth password grant needs the app's client id and secret and the account's username and password. */
  EXPERIAN_CLIENT_ID: z.string().min(1),
  EXPERIAN_CLIENT_SECRET: z.string().min(1),
  EXPERIAN_USERNAME: z.string().min(1),
  EXPERIAN_PASSWORD: z.string().min(1),
  EXPERIAN_SUBSCRIBER_CODE: z.string().min(1),
  EXPERIAN_TIMEOUT_MS: z.coerce.number().int().min(100).max(29_000).default(10_000),
  /**
   * The internal services the membership lifecycle coordinates (API Gateway, IAM auth, SigV4-signed
   * like the Transactions Service): invoke URLs with their stage.
   */
  SUBSCRIPTION_API_URL: z.url({ protocol: /^https$/ }),
  PAYMENT_API_URL: z.url({ protocol: /^https$/ }),
  FLOAT_API_URL: z.url({ protocol: /^https$/ }),
  UNDERWRITING_API_URL: z.url({ protocol: /^https$/ }),
  /** Region those four APIs are signed for; AWS_REGION when unset. */
  INTERNAL_API_REGION: z.string().min(1).optional(),
  /** Shared by those four clients; API Gateway's own integration limit is 29 s. */
  INTERNAL_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(29_000).default(5_000),
  /** Growthbook's API (or a self-hosted proxy): the SDK reads `<host>/api/features/<client key>`. */
  GROWTHBOOK_API_HOST: z.url({ protocol: /^https$/ }),
  /** The SDK connection's client key (`sdk-...`): it only reads features. */
  GROWTHBOOK_CLIENT_KEY: z.string().min(1),
  /** Only when the SDK connection encrypts its payload. */
  GROWTHBOOK_DECRYPTION_KEY: z.string().min(1).optional(),
  /** The first load runs at cold start, inside Lambda's 10 s init phase: never wait that long. */
  GROWTHBOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(9_000).default(3_000),
  /** How often the SDK polls for a new payload in the background. */
  GROWTHBOOK_REFRESH_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** The Auth0 tenant's Management API, a bare host name (`roster.us.auth0.com`), no scheme or path. */
  AUTH0_MANAGEMENT_DOMAIN: z.hostname(),
  /** A machine-to-machine application granted `read:users` and `update:users`. */
  AUTH0_MANAGEMENT_CLIENT_ID: z.string().min(1),
  AUTH0_MANAGEMENT_CLIENT_SECRET: z.string().min(1),
  AUTH0_MANAGEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(29_000).default(5_000),
  /** The bus the domain events go to: seed 000 names it `user-service.api` (one per account and region, not per stage). */
  EVENT_BUS_NAME: z.string().min(1).max(256).default("user-service.api"),
  /** Only for pointing a bundle at DynamoDB Local in tests; unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export type AwsConfig = z.infer<typeof awsConfigSchema>;

export function loadAwsConfig(env: Record<string, string | undefined> = process.env): AwsConfig {
  return parseConfig(requireOneDatabaseSource(awsConfigSchema), env);
}
