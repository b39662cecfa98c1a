import type { AwsCredentials } from "../../platform/adapters/aws/sigv4-signer.ts";
import type { DependencyLogger } from "../../platform/adapters/http/outbound-http.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import { FloatServiceHttpClient } from "../../users/adapters/float-service.http.ts";
import { Auth0IdentityAccounts } from "../../users/adapters/identity-accounts.auth0.ts";
import { GrowthbookMembershipCatalog } from "../../users/adapters/membership-catalog.growthbook.ts";
import { PaymentServiceHttpClient } from "../../users/adapters/payment-service.http.ts";
import { SubscriptionServiceHttpClient } from "../../users/adapters/subscription-service.http.ts";
import { UnderwritingServiceHttpClient } from "../../users/adapters/underwriting-service.http.ts";
import type { MembershipServices } from "../../users/use-cases/lifecycle.ts";
import type { AwsConfig } from "./aws.config.ts";

/**
 * One retry of a 408/429/5xx from Auth0's Management API: with the configured timeout per attempt this
 * keeps a slow Auth0 inside API Gateway's 29 s alongside the lifecycle's other calls.
 */
const AUTH0_MANAGEMENT_MAX_RETRIES = 1;

/**
 * The production world the membership lifecycle talks to: the four internal services over SigV4-signed
 * `fetch` (the Lambda role's credentials, as for the Transactions Service), Growthbook's API and Auth0's
 * Management API. Growthbook's first load is the only network call: if Growthbook is unreachable,
 * `connect` still resolves within GROWTHBOOK_TIMEOUT_MS (logging a warning) and catalogue reads answer
 * 503 until it loads.
 */
export async function awsMembershipServices(
  config: AwsConfig,
  deps: { readonly credentials: AwsCredentials; readonly clock: Clock; readonly logger: DependencyLogger },
): Promise<MembershipServices> {
  const signed = (baseUrl: string) => ({
    baseUrl,
    region: config.INTERNAL_API_REGION ?? config.AWS_REGION,
    credentials: deps.credentials,
    timeoutMs: config.INTERNAL_API_TIMEOUT_MS,
    clock: deps.clock,
    logger: deps.logger,
  });
  return {
    subscriptions: new SubscriptionServiceHttpClient(signed(config.SUBSCRIPTION_API_URL)),
    payments: new PaymentServiceHttpClient(signed(config.PAYMENT_API_URL)),
    floats: new FloatServiceHttpClient(signed(config.FLOAT_API_URL)),
    underwriting: new UnderwritingServiceHttpClient(signed(config.UNDERWRITING_API_URL)),
    catalog: await growthbookCatalog(config, deps.logger),
    accounts: auth0Accounts(config, deps.logger),
  };
}

type GrowthbookConfig = Pick<
  AwsConfig,
  | "GROWTHBOOK_API_HOST"
  | "GROWTHBOOK_CLIENT_KEY"
  | "GROWTHBOOK_DECRYPTION_KEY"
  | "GROWTHBOOK_TIMEOUT_MS"
  | "GROWTHBOOK_REFRESH_MS"
>;

/** The catalogue and flags from Growthbook's API (the API and the payment worker read it). */
export function growthbookCatalog(config: GrowthbookConfig, logger: DependencyLogger) {
  return GrowthbookMembershipCatalog.connect({
    apiHost: config.GROWTHBOOK_API_HOST,
    clientKey: config.GROWTHBOOK_CLIENT_KEY,
    timeoutMs: config.GROWTHBOOK_TIMEOUT_MS,
    refreshIntervalMs: config.GROWTHBOOK_REFRESH_MS,
    ...(config.GROWTHBOOK_DECRYPTION_KEY ? { decryptionKey: config.GROWTHBOOK_DECRYPTION_KEY } : {}),
    logger,
  });
}

type Auth0ManagementConfig = Pick<
  AwsConfig,
  | "AUTH0_MANAGEMENT_DOMAIN"
  | "AUTH0_MANAGEMENT_CLIENT_ID"
  | "AUTH0_MANAGEMENT_CLIENT_SECRET"
  | "AUTH0_MANAGEMENT_TIMEOUT_MS"
>;

/** Auth0's Management API (the API blocks on ban, the cleanup worker on cleanup). */
export function auth0Accounts(config: Auth0ManagementConfig, logger: DependencyLogger) {
  return new Auth0IdentityAccounts({
    domain: config.AUTH0_MANAGEMENT_DOMAIN,
    clientId: config.AUTH0_MANAGEMENT_CLIENT_ID,
    clientSecret: config.AUTH0_MANAGEMENT_CLIENT_SECRET,
    timeoutMs: config.AUTH0_MANAGEMENT_TIMEOUT_MS,
    maxRetries: AUTH0_MANAGEMENT_MAX_RETRIES,
    logger,
  });
}
