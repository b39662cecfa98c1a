import type { DependencyLogger } from "../../../platform/adapters/http/outbound-http.ts";
import type { Auth0AccountsOptions } from "../../adapters/auth0/identity-accounts.auth0.ts";
import type { IdentityAccounts } from "../../ports/identity-accounts.port.ts";
import type { AwsConfig } from "../config/api.config.ts";

/**
 * One retry of a 408/429/5xx from Auth0's Management API: with the configured timeout per attempt this
 * keeps a slow Auth0 inside API Gateway's 29 s alongside the lifecycle's other calls.
 */
const AUTH0_MANAGEMENT_MAX_RETRIES = 1;

type Auth0ManagementConfig = Pick<
  AwsConfig,
  | "AUTH0_MANAGEMENT_DOMAIN"
  | "AUTH0_MANAGEMENT_CLIENT_ID"
  | "AUTH0_MANAGEMENT_CLIENT_SECRET"
  | "AUTH0_MANAGEMENT_TIMEOUT_MS"
>;

/** Auth0's Management API (the API blocks on ban, the cleanup worker on cleanup). */
export function auth0Accounts(config: Auth0ManagementConfig, logger: DependencyLogger): IdentityAccounts {
  return lazyAuth0Accounts({
    domain: config.AUTH0_MANAGEMENT_DOMAIN,
    clientId: config.AUTH0_MANAGEMENT_CLIENT_ID,
    clientSecret: config.AUTH0_MANAGEMENT_CLIENT_SECRET,
    timeoutMs: config.AUTH0_MANAGEMENT_TIMEOUT_MS,
    maxRetries: AUTH0_MANAGEMENT_MAX_RETRIES,
    logger,
  });
}

/**
 * `Auth0IdentityAccounts`, loaded on its first call: the `auth0` SDK is the largest module of the API
 * and cleanup bundles, and most API requests never block anyone, so its module initialisation is kept
 * out of the cold start (esbuild still bundles it; a dynamic import defers only its evaluation).
 */
export function lazyAuth0Accounts(options: Auth0AccountsOptions): IdentityAccounts {
  let loaded: Promise<IdentityAccounts> | undefined;
  const accounts = () => {
    loaded ??= import("../../adapters/auth0/identity-accounts.auth0.ts").then(
      ({ Auth0IdentityAccounts }) => new Auth0IdentityAccounts(options),
    );
    return loaded;
  };
  return {
    block: async (userId) => (await accounts()).block(userId),
    unblock: async (userId) => (await accounts()).unblock(userId),
    isBlocked: async (userId) => (await accounts()).isBlocked(userId),
  };
}
