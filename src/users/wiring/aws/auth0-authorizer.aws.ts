import type { APIGatewayTokenAuthorizerHandler } from "aws-lambda";
import { auth0Verification } from "../../../platform/identity/auth0-verification.ts";
import { authorizeToken } from "../../../platform/identity/token-authorizer.ts";
import { createLogger } from "../../../platform/logging/logger.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { loadAuth0AuthorizerConfig } from "../config/auth0-authorizer.config.ts";

/**
 * The legacy REST API's Lambda TOKEN authorizer (`POST /users/create`): verifies the caller's Auth0 token
 * against the tenant's JWKS (fetched on the first token) and answers an IAM policy for the method.
 */
export function auth0AuthorizerHandler(
  env: Record<string, string | undefined>,
  clock: Clock = systemClock,
): APIGatewayTokenAuthorizerHandler {
  const config = loadAuth0AuthorizerConfig(env);
  const logger = createLogger("user-service-auth0-authorizer", config.LOG_LEVEL);
  const verification = auth0Verification(config, clock);
  return (event) => authorizeToken(event, verification, logger);
}
