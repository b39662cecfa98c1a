/**
 * A complete configuration per Lambda bundle for measuring its module initialisation offline: every
 * endpoint is a closed loopback port (a connection is refused at once, so nothing waits on a network
 * that is not there) and every secret a placeholder. Keys follow the functions' zod config schemas.
 *
 * Two reads at cold start cannot be refused, or the init throws: the secrets of the console, the fetch
 * worker and the replay (Secrets Manager, answered here by the bundle tests' fake on loopback: their init
 * measures the SDK's client and one local round trip where AWS makes a regional one) and Apple's root
 * certificate (downloaded from apple.com when no folder is set: the purchases API, fetch worker and
 * replay read a placeholder root from a folder instead, so their init measures no download at all).
 */
import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppleTestChain } from "../../src/purchases/adapters/sandbox/apple-test-chain.ts";
import { startFakeSecretsManager } from "../../test/fakes/secrets-manager.fake.ts";

const CLOSED = "https://127.0.0.1:1";
/**
 * The database by a whole URL, as the bundle tests give it: the pool connects on first use, and no RDS
 * secret is read (on AWS, DATABASE_SECRET_ARN makes the init read it, loading the Secrets Manager client
 * and waiting for one regional round trip, which this measures without).
 */
const DATABASE_URL = "postgres://bench:bench@127.0.0.1:1/bench";

const common = {
  STAGE: "bench",
  LOG_LEVEL: "WARN",
  AWS_REGION: "us-east-2",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  POWERTOOLS_METRICS_DISABLED: "true",
  // Every AWS service the SDK would call (STS, SQS, Kinesis, Secrets Manager, ...).
  AWS_ENDPOINT_URL: CLOSED,
};

const growthbook = {
  GROWTHBOOK_API_HOST: CLOSED,
  GROWTHBOOK_CLIENT_KEY: "sdk-bench",
  GROWTHBOOK_TIMEOUT_MS: "100",
};
const auth0Management = {
  AUTH0_MANAGEMENT_DOMAIN: "bench.auth0.com",
  AUTH0_MANAGEMENT_CLIENT_ID: "bench",
  AUTH0_MANAGEMENT_CLIENT_SECRET: "bench",
};

const secretArn = (name: string) =>
  `arn:aws:secretsmanager:us-east-2:111111111111:secret:bench/${name}-AbCdEf`;
const queueUrl = (name: string) => `https://sqs.us-east-2.amazonaws.com/111111111111/bench-${name}`;
const iamPrincipals = JSON.stringify({ "arn:aws:iam::111111111111:role/bench": "service:bench" });

const database = { ...common, DATABASE_URL };
const purchases = {
  ...common,
  PURCHASES_APPS: JSON.stringify([
    {
      name: "ios",
      platform: "apple",
      app: "dev.roster.bench",
      environments: ["sandbox"],
      productName: "Bench",
    },
    {
      name: "android",
      platform: "google",
      app: "dev.roster.bench.android",
      environments: ["production"],
      productName: "Bench",
    },
  ]),
};
const auth0 = { AUTH0_ISSUER: "https://bench.auth0.com/", AUTH0_AUDIENCE: "https://api.bench" };
const CURSOR_KEY = "bench-cursor-key-of-thirty-two-chars";

/** What the bundles that read a secret or Apple's roots at cold start are pointed at. */
interface Fixtures {
  /** Secrets Manager's origin (the fake on loopback). */
  readonly secretsManager: string;
  /** A folder with one placeholder Apple root, and that root's fingerprint. */
  readonly appleRoots: { readonly dir: string; readonly sha256: string };
}

function coldStartEnv(fixtures: Fixtures): Record<string, Record<string, string>> {
  const secrets = { AWS_ENDPOINT_URL_SECRETS_MANAGER: fixtures.secretsManager };
  const appleRoots = {
    APPLE_ROOT_CERTIFICATES_DIR: fixtures.appleRoots.dir,
    APPLE_ROOT_CERTIFICATE_SHA256: fixtures.appleRoots.sha256,
  };
  return {
    "console-console": {
      ...common,
      ...secrets,
      CONSOLE_PUBLIC_ORIGIN: "https://console.bench",
      CONSOLE_ORIGIN_SECRET_ARN: secretArn("console/origin-verify"),
      CONSOLE_AUTH0_ISSUER: "https://bench.auth0.com/",
      CONSOLE_AUTH0_CLIENT_ID: "bench",
      CONSOLE_AUTH0_SECRET_ARN: secretArn("console/auth0"),
      USERS_API_URL: CLOSED,
      PAYMENTS_API_URL: CLOSED,
      SUBSCRIPTIONS_API_URL: CLOSED,
      PURCHASES_API_URL: CLOSED,
      CONSOLE_SUPPORT_ROLE_ARN: "arn:aws:iam::111111111111:role/bench-console-support",
      CONSOLE_MX_ROLE_ARN: "arn:aws:iam::111111111111:role/bench-console-mx",
      CONSOLE_ADMIN_ROLE_ARN: "arn:aws:iam::111111111111:role/bench-console-admin",
      USERS_STREAM_NAME: "bench-user-service-users",
      PAYMENTS_STREAM_NAME: "bench-payments",
      SUBSCRIPTIONS_STREAM_NAME: "bench-subscriptions",
      CONSOLE_DEAD_LETTER_QUEUES: JSON.stringify({
        arnPrefix: "arn:aws:sqs:us-east-2:111111111111:",
        urlPrefix: "https://sqs.us-east-2.amazonaws.com/111111111111/",
        queues: [
          { name: "bench-user-service-cleanup-dlq", kind: "queue", source: "bench-user-service-cleanup" },
        ],
      }),
    },
    "payments-api": {
      ...database,
      IAM_PRINCIPALS: iamPrincipals,
      STRIPE_SECRET_KEY: "sk_test_bench",
      STRIPE_WEBHOOK_SECRET: "whsec_bench",
      STRIPE_API_BASE_URL: CLOSED,
      ROSTER_CURSOR_KEY: CURSOR_KEY,
    },
    "payments-migrate": database,
    "payments-outbox-relay": { ...database, PAYMENTS_STREAM_NAME: "bench-payments" },
    "purchases-api": {
      ...purchases,
      ...auth0,
      IAM_PRINCIPALS: iamPrincipals,
      FETCH_QUEUE_URL: queueUrl("purchases-fetch.fifo"),
      GOOGLE_PUSH_AUDIENCE: "https://api.bench/google/pubsub",
      GOOGLE_PUSH_SERVICE_ACCOUNT: "pubsub@bench.iam.gserviceaccount.com",
      GOOGLE_PUSH_CERTS_URL: CLOSED,
      ...appleRoots,
    },
    "purchases-auth0-authorizer": { ...common, ...auth0 },
    "purchases-export": { ...purchases, EXPORT_BUCKET: "bench-purchases-export" },
    "purchases-fetch-worker": {
      ...purchases,
      ...secrets,
      ...appleRoots,
      FETCH_QUEUE_URL: queueUrl("purchases-fetch.fifo"),
      APP_STORE_KEY_SECRET_ARN: secretArn("purchases/app-store-key"),
      APP_STORE_API_BASE_URL: CLOSED,
      GOOGLE_SERVICE_ACCOUNT_SECRET_ARN: secretArn("purchases/google-account"),
    },
    "purchases-link-changes": { ...purchases, SOFT_OPT_IN_QUEUE_URL: queueUrl("purchases-soft-opt-in") },
    "purchases-replay": {
      ...purchases,
      ...secrets,
      ...appleRoots,
      FETCH_QUEUE_URL: queueUrl("purchases-fetch.fifo"),
      APP_STORE_KEY_SECRET_ARN: secretArn("purchases/app-store-key"),
      APP_STORE_API_BASE_URL: CLOSED,
    },
    "purchases-revalidation": { ...purchases, FETCH_QUEUE_URL: queueUrl("purchases-fetch.fifo") },
    "purchases-snapshot-worker": { ...common, EXPORT_BUCKET: "bench-purchases-export" },
    "purchases-subscription-changes": {
      ...purchases,
      SOFT_OPT_IN_QUEUE_URL: queueUrl("purchases-soft-opt-in"),
      SNAPSHOT_QUEUE_URL: queueUrl("purchases-snapshot"),
    },
    "subscriptions-api": { ...database, IAM_PRINCIPALS: iamPrincipals },
    "subscriptions-billing-run": { ...database, PAYMENT_API_URL: CLOSED, USER_API_URL: CLOSED },
    "subscriptions-migrate": database,
    "subscriptions-outbox-relay": {
      ...database,
      SUBSCRIPTIONS_STREAM_NAME: "bench-subscriptions",
      EVENT_BUS_NAME: "bench-subscription-service-events",
      DOCUMENTS_BUCKET: "bench-subscription-service-documents",
      NOTIFICATIONS_QUEUE_URL: queueUrl("subscription-notifications"),
    },
    "subscriptions-payments-worker": database,
    "subscriptions-users-worker": database,
    "users-api": {
      ...database,
      ...growthbook,
      ...auth0Management,
      ...auth0,
      CLEANUP_QUEUE_URL: queueUrl("user-service-cleanup"),
      TRANSACTIONS_API_URL: CLOSED,
      EXPERIAN_BASE_URL: CLOSED,
      EXPERIAN_CLIENT_ID: "bench",
      EXPERIAN_CLIENT_SECRET: "bench",
      EXPERIAN_USERNAME: "bench",
      EXPERIAN_PASSWORD: "bench",
      EXPERIAN_SUBSCRIBER_CODE: "1",
      SUBSCRIPTION_API_URL: CLOSED,
      PAYMENT_API_URL: CLOSED,
      FLOAT_API_URL: CLOSED,
      UNDERWRITING_API_URL: CLOSED,
      ROSTER_CURSOR_KEY: CURSOR_KEY,
    },
    "users-migrate": database,
    "users-usermodel-projector": database,
    "users-payment-worker": { ...common, ...growthbook, USER_SERVICE_API_URL: CLOSED },
    "users-subscriptions-worker": { ...common, SEGMENT_WRITE_KEY: "bench", SEGMENT_HOST: CLOSED },
    "users-kinesis-feeder": { ...common, USR_KINESIS_STREAM_USERS: "bench-user-service-users" },
    "users-cleanup-worker": {
      ...common,
      ...auth0Management,
      TRANSACTIONS_API_URL: CLOSED,
      ARRAY_API_URL: CLOSED,
      ARRAY_API_KEY: "bench",
    },
    "users-auth0-authorizer": { ...common, ...auth0 },
    "users-soft-opt-in-worker": { ...common, EVENT_BUS_NAME: "bench-user-service-events" },
  };
}

/**
 * The configurations, with the fake Secrets Manager (placeholder secrets) and the placeholder Apple root
 * they point at; `close` stops the fake and removes the folder.
 */
export async function startColdStartEnv(): Promise<{
  env: Record<string, Record<string, string>>;
  close: () => Promise<void>;
}> {
  const pem = (key: ReturnType<typeof generateKeyPairSync>["privateKey"]) =>
    key.export({ type: "pkcs8", format: "pem" }).toString();
  const { server } = await startFakeSecretsManager({
    [secretArn("console/origin-verify")]: "bench-origin-secret",
    [secretArn("console/auth0")]: "bench-client-secret",
    [secretArn("purchases/app-store-key")]: JSON.stringify({
      keyId: "BENCHKEY01",
      issuerId: "bench-issuer",
      privateKey: pem(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey),
    }),
    [secretArn("purchases/google-account")]: JSON.stringify({
      type: "service_account",
      client_email: "play-api@bench.iam.gserviceaccount.com",
      private_key: pem(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey),
    }),
  });
  const dir = mkdtempSync(join(tmpdir(), "roster-coldstart-apple-"));
  const { rootDer } = await createAppleTestChain({ now: new Date() });
  writeFileSync(join(dir, "placeholder-root.cer"), rootDer);
  const sha256 = new X509Certificate(rootDer).fingerprint256;
  return {
    env: coldStartEnv({ secretsManager: server.origin, appleRoots: { dir, sha256 } }),
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
