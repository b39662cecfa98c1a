import type { MiddlewareHandler } from "hono";
import { ForbiddenError } from "../errors/app.errors.ts";
import { article, requireAuthenticated, requireKind } from "../identity/authorize.ts";
import type { PrincipalKind } from "../identity/principal.ts";
import type { AppEnv } from "./app-env.ts";
import { bearerSecurity } from "./common.schemas.ts";
import { refuseMalformedUrl } from "./url-encoding.middleware.ts";

/** The OpenAPI extension naming the principal kinds an operation admits (clients and the edge tests read it). */
export const PRINCIPALS_EXTENSION = "x-roster-principals";
/** The OpenAPI extension naming the path parameter a user principal must own (`user_id`). */
export const SELF_EXTENSION = "x-roster-self";

export interface AccessOptions {
  /** A user principal may act only where this path parameter is their own id (e.g. `user_id`). */
  readonly self?: string;
  /** What the route does, for the 403's detail: "a user may not <action>". */
  readonly action?: string;
}

/**
 * Who may call a route, checked at the edge before the request is validated: no credentials answer
 * 401, a principal of another kind (or a user on another user's path) 403, so that a caller who may
 * not use a route learns nothing of its schema and no work is done for them. Spread into
 * `createRoute`: it sets the bearer security, the route's middleware (which runs before the route's
 * validators, with the URL's encoding check after it) and the extensions that state the rule in the
 * OpenAPI document. The use cases keep their own checks (the rules that need state, and defence in
 * depth).
 */
export function access(kinds: readonly PrincipalKind[], options: AccessOptions = {}) {
  return {
    security: bearerSecurity,
    // The caller first; then what the URL holds (a percent-encoding that is not UTF-8 is a 400).
    middleware: [requirePrincipal(kinds, options), refuseMalformedUrl()],
    [PRINCIPALS_EXTENSION]: [...kinds],
    ...(options.self ? { [SELF_EXTENSION]: options.self } : {}),
  };
}

export function requirePrincipal(
  kinds: readonly PrincipalKind[],
  options: AccessOptions = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = requireAuthenticated(c.get("principal"));
    if (options.action && !kinds.includes(caller.kind))
      throw new ForbiddenError(`${article(caller.kind)} ${caller.kind} may not ${options.action}`);
    requireKind(caller, kinds);
    if (options.self && caller.kind === "user" && c.req.param(options.self) !== caller.id)
      throw new ForbiddenError("a user may act only on their own records");
    await next();
  };
}
