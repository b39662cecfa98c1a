import type { AwsCredentials } from "../../../platform/adapters/aws/sigv4-signer.ts";
import type { DependencyLogger } from "../../../platform/adapters/http/outbound-http.ts";
import { onFirstUse } from "../../../platform/service/on-first-use.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import { FloatServiceHttpClient } from "../../adapters/http/float-service.http.ts";
import { PaymentServiceHttpClient } from "../../adapters/http/payment-service.http.ts";
import { SubscriptionServiceHttpClient } from "../../adapters/http/subscription-service.http.ts";
import { UnderwritingServiceHttpClient } from "../../adapters/http/underwriting-service.http.ts";
import type { MembershipServices } from "../../api/users.app.ts";
import type { MembershipCatalog } from "../../ports/membership-catalog.port.ts";
import type { AwsConfig } from "../config/api.config.ts";
import { auth0Accounts } from "./auth0-accounts.aws.ts";

/**
 * The production world the membership lifecycle talks to: the four internal services over SigV4-signed
 * `fetch` (the Lambda role's credentials, as for the Transactions Service), Growthbook's API and Auth0's
 * Management API, each SDK loaded on first use. Growthbook's SDK connects on the first catalogue or flag
 * read, not at cold start: most requests (a profile, a tag, a search) read neither, and their cold start
 * no longer waits for Growthbook's first load (up to GROWTHBOOK_TIMEOUT_MS, a round trip out of the
 * region). If Growthbook is unreachable, that first read's `connect` still resolves within the timeout
 * (logging a warning) and catalogue reads answer 503 until it loads.
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
    catalog: onFirstUse<MembershipCatalog>(async () =>
      (await import("./growthbook-catalog.aws.ts")).growthbookCatalog(config, deps.logger),
    ),
    accounts: auth0Accounts(config, deps.logger),
  };
}
