/**
 * The environment variables each function parses (src/users/wiring/config/api.config.ts, aws-workers.config.ts,
 * the projector's and migration's own schemas), from the stage's settings and the stack's resources.
 *
 * Secrets: the database's is passed by ARN (the code fetches it at cold start). Vendor secrets the code
 * reads as literals (Experian, the Auth0 Management client secret, Segment, Array, the API's page-cursor
 * key `ROSTER_CURSOR_KEY`) are CloudFormation
 * dynamic references into the stage's vendor secret: resolved at deploy time, never in the template or
 * the repository (visible to whoever may read the function's configuration: see infra/README.md).
 */
import { SecretValue } from "aws-cdk-lib";
import { type DatabaseEnvironment, databaseEnvironment } from "../shared/database.environment.ts";
import { executeApiRegion, membershipServicesRegion } from "./internal-apis.iam.ts";
import type { UsersConfig } from "./users.settings.ts";

type Env = Record<string, string>;

/** A key of the stage's vendor secret (JSON), as a `{{resolve:secretsmanager:...}}` reference. */
export function vendorSecret(config: UsersConfig, key: string): string {
  return SecretValue.secretsManager(config.vendorSecret, { jsonField: key }).unsafeUnwrap();
}

export function auth0TokenEnvironment(config: UsersConfig): Env {
  return { AUTH0_ISSUER: config.auth0.issuer, AUTH0_AUDIENCE: config.auth0.audience };
}

export function auth0ManagementEnvironment(config: UsersConfig): Env {
  return {
    AUTH0_MANAGEMENT_DOMAIN: config.auth0.managementDomain,
    AUTH0_MANAGEMENT_CLIENT_ID: config.auth0.managementClientId,
    AUTH0_MANAGEMENT_CLIENT_SECRET: vendorSecret(config, "AUTH0_MANAGEMENT_CLIENT_SECRET"),
  };
}

export function growthbookEnvironment(config: UsersConfig): Env {
  return {
    GROWTHBOOK_API_HOST: config.growthbook.apiHost,
    GROWTHBOOK_CLIENT_KEY: config.growthbook.clientKey,
    ...(config.growthbook.encrypted
      ? { GROWTHBOOK_DECRYPTION_KEY: vendorSecret(config, "GROWTHBOOK_DECRYPTION_KEY") }
      : {}),
  };
}

export function transactionsEnvironment(config: UsersConfig): Env {
  const { url } = config.internalApis.transactions;
  const region = executeApiRegion(url);
  return { TRANSACTIONS_API_URL: url, ...(region ? { TRANSACTIONS_API_REGION: region } : {}) };
}

export interface ApiEnvironmentInputs {
  readonly legacyRegion: string;
  readonly database: DatabaseEnvironment;
  readonly cleanupQueueUrl: string;
  readonly iamPrincipals: string;
  /** The Payment Service's API: the stage's own (its stack's URL) or the one the stage imports. */
  readonly paymentApi: { readonly url: string; readonly region: string };
  /** The Subscription Service's API, likewise. */
  readonly subscriptionApi: { readonly url: string; readonly region: string };
}

/** The API (`awsConfigSchema`): every variable without a default. */
export function apiEnvironment(config: UsersConfig, inputs: ApiEnvironmentInputs): Env {
  const apis = config.internalApis;
  const region = membershipServicesRegion(config);
  return {
    LEGACY_TABLES_REGION: inputs.legacyRegion,
    ...databaseEnvironment(inputs.database, { reads: true }),
    ...auth0TokenEnvironment(config),
    IAM_PRINCIPALS: inputs.iamPrincipals,
    CLEANUP_QUEUE_URL: inputs.cleanupQueueUrl,
    ...transactionsEnvironment(config),
    EXPERIAN_BASE_URL: config.experian.baseUrl,
    EXPERIAN_CLIENT_ID: config.experian.clientId,
    EXPERIAN_CLIENT_SECRET: vendorSecret(config, "EXPERIAN_CLIENT_SECRET"),
    EXPERIAN_USERNAME: vendorSecret(config, "EXPERIAN_USERNAME"),
    EXPERIAN_PASSWORD: vendorSecret(config, "EXPERIAN_PASSWORD"),
    EXPERIAN_SUBSCRIBER_CODE: config.experian.subscriberCode,
    // Their routes start with `/subscriptions/` and `/payments/`: the clients' paths (contracts/subscriptions,
    // contracts/payments) are relative to that (the client adds the trailing `/`).
    SUBSCRIPTION_API_URL: `${inputs.subscriptionApi.url}subscriptions`,
    SUBSCRIPTION_API_REGION: inputs.subscriptionApi.region,
    PAYMENT_API_URL: `${inputs.paymentApi.url}payments`,
    PAYMENT_API_REGION: inputs.paymentApi.region,
    FLOAT_API_URL: apis.float.url,
    UNDERWRITING_API_URL: apis.underwriting.url,
    ...(region ? { INTERNAL_API_REGION: region } : {}),
    ...growthbookEnvironment(config),
    ...auth0ManagementEnvironment(config),
    ROSTER_CURSOR_KEY: vendorSecret(config, "ROSTER_CURSOR_KEY"),
    EVENT_BUS_NAME: config.eventBusName,
  };
}

export function subscriptionsWorkerEnvironment(config: UsersConfig): Env {
  return {
    EVENT_BUS_NAME: config.eventBusName,
    SEGMENT_WRITE_KEY: vendorSecret(config, "SEGMENT_WRITE_KEY"),
    ...(config.segment.host ? { SEGMENT_HOST: config.segment.host } : {}),
    METRICS_NAMESPACE: config.metricsNamespace,
  };
}

export function cleanupWorkerEnvironment(config: UsersConfig): Env {
  return {
    ...transactionsEnvironment(config),
    ...auth0ManagementEnvironment(config),
    ARRAY_API_URL: config.array.apiUrl,
    ARRAY_API_KEY: vendorSecret(config, "ARRAY_API_KEY"),
  };
}
