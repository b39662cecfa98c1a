import type { APIGatewayTokenAuthorizerHandler } from "aws-lambda";
import { auth0Verification } from "../../../platform/identity/auth0-verification.ts";
import { authorizeToken } from "../../../platform/identity/token-authorizer.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { loadPurchasesAuthorizerConfig } from "../config/auth0-authorizer.config.ts";
import { PURCHASE_SERVICE } from "./service-name.aws.ts";

/**
 * The API's Lambda TOKEN authorizer on the users' routes (linking, the account token, a user's
 * subscriptions and access): the Auth0 token verified against the tenant's JWKS; the API verifies it again.
 */
export function purchasesAuthorizerHandler(
  env: Record<string, string | undefined>,
  clock: Clock = systemClock,
): APIGatewayTokenAuthorizerHandler {
  const config = loadPurchasesAuthorizerConfig(env);
  const logger = createLogger(`${PURCHASE_SERVICE}-auth0-authorizer`, config.LOG_LEVEL);
  const verification = auth0Verification(config, clock);
  return (event) => authorizeToken(event, verification, logger);
}
