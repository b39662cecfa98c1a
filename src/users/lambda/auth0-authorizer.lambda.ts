/**
 * The legacy REST API's Lambda TOKEN authorizer (`POST /users/create`): verifies the caller's Auth0 token
 * against the tenant's JWKS and answers an IAM policy for the method (platform/identity/token-authorizer.ts).
 */
import type { APIGatewayTokenAuthorizerHandler } from "aws-lambda";
import { auth0Verification } from "../../platform/identity/auth0-verification.ts";
import { authorizeToken } from "../../platform/identity/token-authorizer.ts";
import { createLogger } from "../../platform/logging/logger.ts";
import { systemClock } from "../../platform/time/clock.port.ts";
import { loadAuth0AuthorizerConfig } from "../wiring/config/auth0-authorizer.config.ts";

// Cold start only: config parsed (failing fast, naming the variable); the JWKS is fetched on the first token.
const config = loadAuth0AuthorizerConfig(process.env);
const logger = createLogger("user-service-auth0-authorizer", config.LOG_LEVEL);
const verification = auth0Verification(config, systemClock);

export const handler: APIGatewayTokenAuthorizerHandler = (event) =>
  authorizeToken(event, verification, logger);
