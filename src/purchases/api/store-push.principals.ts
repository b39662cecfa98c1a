import type { PrincipalResolver } from "../../platform/identity/principal.ts";

/** The stores' push routes: their credentials are the stores' own (Apple's JWS, Google's OIDC token). */
export const STORE_PUSH_PATHS: ReadonlySet<string> = new Set(["/apple/pubsub", "/google/pubsub"]);

/**
 * The service's principal resolver, but not on the push routes: a Pub/Sub push's `Authorization` holds
 * Google's token, which the Google verifier checks; Roster's resolver would refuse it as one of its own.
 */
export function exceptStorePushes(resolver: PrincipalResolver): PrincipalResolver {
  return {
    resolve: (request, platformContext) =>
      STORE_PUSH_PATHS.has(new URL(request.url).pathname)
        ? Promise.resolve(undefined)
        : resolver.resolve(request, platformContext),
  };
}
