/** A complete, valid AWS configuration for tests: the runtime's own variables and its integrations'. */

/** What the AWS runtime needs besides its outbound integrations. */
export const awsEnvBase = {
  AWS_REGION: "us-east-2",
  DATABASE_URL: "postgres://u:p@db.internal:5432/ebdb",
  AUTH0_ISSUER: "https://tenant.auth0.com/",
  AUTH0_AUDIENCE: "https://api.example",
};

export const awsEnvIntegrations = {
  TRANSACTIONS_API_URL: "https://abc123.execute-api.us-east-2.amazonaws.com/prod",
  EXPERIAN_BASE_URL: "https://us-api.experian.com",
  EXPERIAN_CLIENT_ID: "client",
  EXPERIAN_CLIENT_SECRET: "secret",
  EXPERIAN_USERNAME: "mla@example.com",
  EXPERIAN_PASSWORD: "password",
  ROSTER_CURSOR_KEY: "a-test-cursor-secret-of-32-characters-or-more",
  EXPERIAN_SUBSCRIBER_CODE: "1234567",
  SUBSCRIPTION_API_URL: "https://sub123.execute-api.us-east-2.amazonaws.com/prod",
  PAYMENT_API_URL: "https://pay123.execute-api.us-east-2.amazonaws.com/prod",
  FLOAT_API_URL: "https://flt123.execute-api.us-east-2.amazonaws.com/prod",
  UNDERWRITING_API_URL: "https://uwr123.execute-api.us-east-2.amazonaws.com/prod",
  GROWTHBOOK_API_HOST: "https://cdn.growthbook.io",
  GROWTHBOOK_CLIENT_KEY: "sdk-abc123",
  AUTH0_MANAGEMENT_DOMAIN: "tenant.auth0.com",
  CLEANUP_QUEUE_URL: "https://sqs.us-east-2.amazonaws.com/111122223333/dev-user-service-cleanup",
  AUTH0_MANAGEMENT_CLIENT_ID: "m2m-client",
  AUTH0_MANAGEMENT_CLIENT_SECRET: "m2m-secret",
};

/** Everything `loadAwsConfig` requires. */
export const awsEnv = { ...awsEnvBase, ...awsEnvIntegrations };
