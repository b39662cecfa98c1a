import type { MiddlewareHandler } from "hono";
import type { Logger } from "../logging/logger.ts";
import type { AppEnv } from "./app-env.ts";

/** One line per request: the route pattern, never the path or query (they may hold emails or phones). */
export function accessLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      principal: c.get("principal")?.kind,
      ms: Math.round(performance.now() - started),
    });
  };
}
