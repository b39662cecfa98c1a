import { createRemoteJWKSet } from "jose";
import type { Clock } from "../time/clock.port.ts";
import type { JwtVerification } from "./jwt-principal.resolver.ts";
import { VerifiedTokenCache } from "./verified-token.cache.ts";

/**
 * How users' Auth0 tokens are verified on AWS (the API and the legacy gateway's authorizer): the
 * tenant's JWKS, fetched on the first token and cached by jose, the tenant as issuer, the API's audience,
 * verified tokens remembered until they expire.
 */
export function auth0Verification(
  config: { readonly AUTH0_ISSUER: string; readonly AUTH0_AUDIENCE: string },
  clock: Clock,
): JwtVerification {
  return {
    keys: createRemoteJWKSet(new URL(".well-known/jwks.json", config.AUTH0_ISSUER)),
    issuer: config.AUTH0_ISSUER,
    audience: config.AUTH0_AUDIENCE,
    clock,
    cache: new VerifiedTokenCache(),
  };
}
