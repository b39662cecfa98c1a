/**
 * A complete configuration per Lambda bundle for measuring its module initialisation offline: every
 * endpoint is a closed loopback port (a connection is refused at once, so nothing waits on a network
 * that is not there) and every secret a placeholder. Keys follow the functions' zod config schemas.
 */
const CLOSED = "https://127.0.0.1:1";
const DATABASE_URL = "postgres://bench:bench@127.0.0.1:1/bench";

const common = {
  STAGE: "bench",
  LOG_LEVEL: "WARN",
  AWS_REGION: "us-east-2",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  POWERTOOLS_METRICS_DISABLED: "true",
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

export const COLDSTART_ENV: Record<string, Record<string, string>> = {
  "users-api": {
    ...common,
    ...growthbook,
    ...auth0Management,
    DATABASE_URL,
    AUTH0_ISSUER: "https://bench.auth0.com/",
    AUTH0_AUDIENCE: "https://api.bench",
    CLEANUP_QUEUE_URL: "https://sqs.us-east-2.amazonaws.com/111111111111/bench-user-service-cleanup",
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
  },
  "users-migrate": { ...common, DATABASE_URL },
  "users-usermodel-projector": { ...common, DATABASE_URL },
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
  "users-auth0-authorizer": {
    ...common,
    AUTH0_ISSUER: "https://bench.auth0.com/",
    AUTH0_AUDIENCE: "https://api.bench",
  },
};
