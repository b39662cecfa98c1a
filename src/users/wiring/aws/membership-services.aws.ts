import type { AwsCredentials } from "../../../platform/adapters/aws/sigv4-signer.ts";
import type { DependencyLogger } from "../../../platform/adapters/http/outbound-http.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { FloatServiceHttpClient } from "../../adapters/http/float-service.http.ts";
import { PaymentServiceHttpClient } from "../../adapters/http/payment-service.http.ts";
import { SubscriptionServiceHttpClient } from "../../adapters/http/subscription-service.http.ts";
import { UnderwritingServiceHttpClient } from "../../adapters/http/underwriting-service.http.ts";
import type { MembershipServices } from "../../api/users.app.ts";
import type { AwsConfig } from "../config/api.config.ts";
import { auth0Accounts } from "./auth0-accounts.aws.ts";
import { growthbookCatalog } from "./growthbook-catalog.aws.ts";

/**
 * The production world the membership lifecycle talks to: the four internal services over SigV4-signed
 * `fetch` (the Lambda role's credentials, as for the Transactions Service), Growthbook's API and Auth0's
 * Management API (its SDK loaded on first use). Growthbook's first load is the only network call: if
 * Growthbook is unreachable, `connect` still resolves within GROWTHBOOK_TIMEOUT_MS (logging a warning)
 * and catalogue reads answer 503 until it loads.
 */
export async function awsMembershipServices(
  config: AwsConfig,
  deps: { readonly credentials: AwsCredentials; readonly clock: Clock; readonly logger: DependencyLogger },
): Promise<MembershipServices> {
  const signed = (baseUrl: string, region = config.INTERNAL_API_REGION ?? config.AWS_REGION) => ({
    baseUrl,
    region,
    credentials: deps.credentials,
    timeoutMs: config.INTERNAL_API_TIMEOUT_MS,
    clock: deps.clock,
    logger: deps.logger,
  });
  return {
    subscriptions: new SubscriptionServiceHttpClient(
      signed(config.SUBSCRIPTION_API_URL, config.SUBSCRIPTION_API_REGION),
    ),
    payments: new PaymentServiceHttpClient(signed(config.PAYMENT_API_URL, config.PAYMENT_API_REGION)),
    floats: new FloatServiceHttpClient(signed(config.FLOAT_API_URL)),
    underwriting: new UnderwritingServiceHttpClient(signed(config.UNDERWRITING_API_URL)),
    catalog: await growthbookCatalog(config, deps.logger),
    accounts: auth0Accounts(config, deps.logger),
  };
}
