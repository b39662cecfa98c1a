import type { MiddlewareHandler } from "hono";
import type { PrincipalResolver } from "../identity/principal.ts";
import type { AppEnv } from "./app-env.ts";

/**
 * Resolves the caller once per request. A request without credentials goes on with no principal
 * (the use case answers 401 if it needs one); bad credentials answer 401 here.
 */
export function authenticate(resolver: PrincipalResolver): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("principal", await resolver.resolve(c.req.raw, c.env));
    await next();
  };
}
