import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from "aws-lambda";
import { UnauthorizedError } from "../errors/app.errors.ts";
import type { Logger } from "../logging/logger.ts";
import { type JwtVerification, verifyBearer } from "./jwt-principal.resolver.ts";

/** The one error message API Gateway turns into 401 when a Lambda authorizer throws it. */
export const UNAUTHORIZED = "Unauthorized";

/**
 * An API Gateway REST TOKEN authorizer for users' bearer tokens (the legacy gateway's `POST /users/create`):
 * no, a malformed or an unverifiable token throws `Error("Unauthorized")` (401); a verified token of a
 * user is allowed to invoke the method, one of a service or an operator denied (403: that gateway is for
 * users). `principalId` is the token's subject; the context carries the principal kind and whether the
 * token shows MFA, nothing personal. Any other failure (the JWKS unreachable) is thrown as it is: API
 * Gateway answers 500, not 401, when the fault is not the caller's. The API verifies the token again.
 */
export async function authorizeToken(
  event: Pick<APIGatewayTokenAuthorizerEvent, "authorizationToken" | "methodArn">,
  verification: JwtVerification,
  logger: Pick<Logger, "info">,
): Promise<APIGatewayAuthorizerResult> {
  const token = /^Bearer\s+(\S+)$/i.exec(event.authorizationToken ?? "")?.[1];
  if (!token) return refuse(logger, "the Authorization header must be 'Bearer <token>'");
  let principal: Awaited<ReturnType<typeof verifyBearer>>;
  try {
    principal = await verifyBearer(token, verification);
  } catch (error) {
    if (error instanceof UnauthorizedError) return refuse(logger, error.message);
    throw error;
  }
  const effect = principal.kind === "user" ? "Allow" : "Deny";
  if (effect === "Deny")
    logger.info("token denied", { reason: `a ${principal.kind} token on a users' gateway` });
  return {
    principalId: principal.id,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: event.methodArn }],
    },
    context: { principalKind: principal.kind, mfa: principal.mfa },
  };
}

/** The reason goes to the log (it never quotes the token); the caller gets API Gateway's plain 401. */
function refuse(logger: Pick<Logger, "info">, reason: string): never {
  logger.info("token refused", { reason });
  throw new Error(UNAUTHORIZED);
}
