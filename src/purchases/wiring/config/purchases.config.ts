import * as z from "zod";
import { commonConfigSchema } from "../../../platform/config/common.config.ts";
import { iamPrincipalsSchema } from "../../../platform/config/iam-principals.config.ts";
import { APPLE_ROOT_CA_G3_SHA256 } from "../../adapters/apple/apple-root-certificates.ts";
import type { StoreApp } from "../../domain/apps.ts";

const https = z.url({ protocol: /^https$/ });
/** A SHA-256 fingerprint: 64 hex digits, colons between the bytes optional. */
const SHA256_FINGERPRINT = /^(?:[0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/;

const secretArn = z
  .string()
  .regex(/^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+$/, "a secret's ARN");

/** One app of `PURCHASES_APPS` (and of the stage settings `purchases.apps`): a `StoreApp`, and Apple's numeric app id for an App Store app. */
export const storeAppSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "a lower-case name such as ios or ios-feast"),
  platform: z.enum(["apple", "google"]),
  app: z.string().regex(/^[A-Za-z][\w.-]{0,254}$/, "a bundle id or package name"),
  environments: z.array(z.enum(["production", "sandbox"])).min(1),
  productName: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/),
  accountTokens: z.enum(["roster", "braze"]).optional(),
  welcomeCampaign: z.string().min(1).optional(),
  appAppleId: z.int().positive().optional(),
});

export type ConfiguredApp = StoreApp & { readonly appAppleId?: number };

const appsSchema = z
  .string()
  .transform((text, ctx): ConfiguredApp[] => {
    try {
      return z.array(storeAppSchema).min(1).parse(JSON.parse(text)) as ConfiguredApp[];
    } catch (error) {
      const issues = error instanceof z.ZodError ? error.issues : [];
      const first = issues[0];
      ctx.addIssue({
        code: "custom",
        message: first
          ? `[${first.path.join(".")}]: ${first.message}`
          : "a JSON array of apps ({name, platform, app, environments, productName, ...})",
      });
      return z.NEVER;
    }
  })
  .refine(
    (apps) =>
      apps.every(
        (app) => app.platform !== "apple" || !app.environments.includes("production") || app.appAppleId,
      ),
    { message: "an App Store app served in production needs its appAppleId (Apple's verifier checks it)" },
  );

/**
 * The Purchases service's variables on AWS. Each function's schema (`<function>.config.ts`) picks the
 * ones it reads by name, so a variable means one thing; `.describe()` is each variable's documentation.
 * Secrets are passed by ARN and read once at cold start (never logged, never in the function's
 * configuration).
 */
export const purchasesAwsConfigSchema = commonConfigSchema.extend({
  AWS_REGION: z
    .string()
    .min(1)
    .describe("Set by Lambda: the region of the tables, the queues, the bucket and the secrets."),
  DYNAMODB_ENDPOINT: z
    .url()
    .optional()
    .describe("Only for pointing a bundle at DynamoDB Local in tests; unset on AWS."),
  PURCHASES_APPS: appsSchema.describe(
    'The apps served, a JSON array: `[{"name":"ios","platform":"apple","app":"com.example.app","environments":["production","sandbox"],"productName":"InAppPurchase","appAppleId":1234567890}, {"name":"android","platform":"google","app":"com.example.android","environments":["production"],"productName":"InAppPurchase"}]`; `accountTokens: "braze"` and `welcomeCampaign` for Feast-style apps.',
  ),
  FETCH_QUEUE_URL: https.describe(
    "The FIFO queue `{stage}-purchases-fetch.fifo`: a subscription's state to fetch from its store, grouped by subscription.",
  ),
  SOFT_OPT_IN_QUEUE_URL: https.describe(
    "The queue `{stage}-purchases-soft-opt-ins` (SoftOptIn 1.0.0, read by the User Service).",
  ),
  SNAPSHOT_QUEUE_URL: https.describe(
    "The queue `{stage}-purchases-snapshots`: the historical snapshot of every subscription change.",
  ),
  EXPORT_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name")
    .describe("The object store of the exports and snapshots (keys under `purchases/`)."),
  GOOGLE_PUSH_AUDIENCE: z
    .string()
    .min(1)
    .describe(
      "The audience of the Pub/Sub push subscription's OIDC tokens (by default its push endpoint, `https://.../google/pubsub`).",
    ),
  GOOGLE_PUSH_SERVICE_ACCOUNT: z
    .email()
    .describe("The service account the Pub/Sub push subscription signs its tokens as."),
  GOOGLE_PUSH_CERTS_URL: z
    .url()
    .optional()
    .describe(
      "Where the push tokens' signing certificates are read; Google's (`https://www.googleapis.com/oauth2/v1/certs`) when unset; replace only for a test stage whose pushes a local issuer signs.",
    ),
  APPLE_ROOT_CERTIFICATES_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      "A folder of Apple's root certificates (DER or PEM); when unset or empty, Apple Root CA - G3 is downloaded at cold start. Either way only a certificate with a pinned fingerprint is trusted.",
    ),
  APPLE_ROOT_CERTIFICATE_SHA256: z
    .string()
    .default(APPLE_ROOT_CA_G3_SHA256)
    .transform((text) => text.split(",").map((pin) => pin.trim()))
    .refine((pins) => pins.every((pin) => SHA256_FINGERPRINT.test(pin)), {
      message: "comma-separated SHA-256 fingerprints (64 hex digits each, colons optional)",
    })
    .describe(
      "The SHA-256 fingerprints of the trusted root certificates, comma-separated (Apple Root CA - G3's by default); replace only for a test stage whose notifications a test chain signs.",
    ),
  APP_STORE_API_BASE_URL: z
    .url()
    .optional()
    .describe(
      "The App Store Server API's origin; unset on AWS (Apple's production and sandbox hosts); only for a test stage pointed at a loopback App Store.",
    ),
  APPLE_ONLINE_CHECKS: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true")
    .describe(
      "Apple's verifier checks certificate revocation (OCSP) and validity now; `false` only for a test chain.",
    ),
  APP_STORE_KEY_SECRET_ARN: secretArn.describe(
    'The App Store Server API key: a secret whose string is `{"keyId":"...","issuerId":"...","privateKey":"-----BEGIN PRIVATE KEY-----..."}` (App Store Connect, Users and Access, In-App Purchase keys).',
  ),
  GOOGLE_SERVICE_ACCOUNT_SECRET_ARN: secretArn.describe(
    "The Play Developer API's service account: a secret whose string is the JSON key file Google Cloud hands out (`client_email`, `private_key`, ...).",
  ),
  BRAZE_API_URL: https
    .optional()
    .describe(
      "Braze's REST endpoint (`https://rest.iad-01.braze.com/`), for apps with Braze account tokens or a welcome campaign; no Braze when unset.",
    ),
  BRAZE_API_KEY_SECRET_ARN: secretArn
    .optional()
    .describe(
      "Braze's REST API key (`users.export.ids`, `campaigns.trigger.send`): a secret whose string is the key.",
    ),
  AUTH0_ISSUER: https.describe("The Auth0 tenant that signs users' tokens (its JWKS verifies them)."),
  AUTH0_AUDIENCE: z.string().min(1).describe("The audience users' Auth0 tokens must carry."),
  IAM_PRINCIPALS: iamPrincipalsSchema,
});

export type PurchasesAwsConfig = z.infer<typeof purchasesAwsConfigSchema>;

/** What every function reads: its names, its region, its apps and its tables. */
export const purchasesBaseConfigSchema = purchasesAwsConfigSchema.pick({
  STAGE: true,
  LOG_LEVEL: true,
  AWS_REGION: true,
  DYNAMODB_ENDPOINT: true,
  PURCHASES_APPS: true,
});

/** Braze only when both its endpoint and its key are set. */
export function brazeTogether<T extends z.ZodObject>(schema: T) {
  return schema.refine(
    (config) =>
      ((config as { BRAZE_API_URL?: string }).BRAZE_API_URL === undefined) ===
      ((config as { BRAZE_API_KEY_SECRET_ARN?: string }).BRAZE_API_KEY_SECRET_ARN === undefined),
    {
      message: "BRAZE_API_URL and BRAZE_API_KEY_SECRET_ARN go together (set both or neither)",
      path: ["BRAZE_API_URL"],
    },
  );
}
