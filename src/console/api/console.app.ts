import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { AppError, ValidationError } from "../../platform/errors/app.errors.ts";
import { accessLog } from "../../platform/http/access-log.middleware.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { type HealthCheck, registerHealthRoute } from "../../platform/http/health.routes.ts";
import { limitBody } from "../../platform/http/service-app.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { CONSOLE_ASSETS_PATH } from "../ui/assets.ts";
import { messagePage } from "../ui/message.view.ts";
import type { ConsoleDeps } from "../use-cases/console.deps.ts";
import { registerAssetRoutes } from "./assets.routes.ts";
import { registerCatalogueRoutes } from "./catalogue.routes.ts";
import type { ConsoleEnv } from "./console-env.ts";
import { loadSession, requireCsrfToken, requireSession } from "./console-session.middleware.ts";
import { registerDashboardRoutes } from "./dashboard.routes.ts";
import { registerDeadLetterRoutes } from "./dead-letters.routes.ts";
import { registerMemberRoutes } from "./member.routes.ts";
import { registerSignInRoutes } from "./sign-in.routes.ts";
import { registerStreamRoutes } from "./streams.routes.ts";

export interface ConsoleAppOptions {
  readonly logger: Logger;
  readonly health: readonly HealthCheck[];
  /** Serve `/console/assets/*` (the local process); on AWS CloudFront serves them from S3. */
  readonly serveAssets: boolean;
  /**
   * Origins a form's answer may redirect to besides the console's own (the sign-out goes on to the
   * identity provider's end-session endpoint: Auth0's tenant on AWS). CSP's form-action governs them.
   */
  readonly formActionOrigins?: readonly string[];
}

/** Forms post to the console itself; scripts and styles come from its own origin only. */
const contentSecurityPolicy = (formActionOrigins: readonly string[]) => ({
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  formAction: ["'self'", ...formActionOrigins],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
});

/**
 * The operator console's back end: server-rendered pages under `/console` (ui/), the OpenID Connect
 * sign-in, a session per operator in an HttpOnly cookie, CSRF checks on every change (hono/csrf's
 * Origin check, then the session's token), and the services' APIs called as the operator. The same
 * app is the console's Lambda on AWS and is mounted by the local process.
 */
export function createConsoleApp(deps: ConsoleDeps, options: ConsoleAppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use(requestId());
  app.use(accessLog(options.logger));
  app.use(limitBody());
  registerHealthRoute(app, options.health, options.logger);

  const pages = new Hono<ConsoleEnv>();
  pages.onError((error, c) => {
    const session = c.get("session");
    const who = session ? { operator: session.operator, csrfToken: session.csrfToken } : {};
    if (error instanceof HTTPException && error.status < 500)
      return c.html(
        messagePage({
          title: error.status === 403 ? "Refused" : "Bad request",
          message:
            error.status === 403
              ? "This change did not come from a console page of this site: nothing changed."
              : error.message || "The request could not be read.",
          problem: true,
          ...who,
        }),
        error.status,
      );
    if (error instanceof AppError && error.status < 500) {
      const details =
        error instanceof ValidationError
          ? error.errors.map((issue) => `${issue.path}: ${issue.message}`).join("; ")
          : "";
      return c.html(
        messagePage({ title: error.title, message: details || error.message, problem: true, ...who }),
        error.status as 400,
      );
    }
    options.logger.error("console error", { error, route: c.req.routePath, requestId: c.get("requestId") });
    return c.html(
      messagePage({
        title: "Something went wrong",
        message: "The console failed; it has been logged.",
        problem: true,
        ...who,
      }),
      500,
    );
  });
  pages.notFound((c) =>
    c.html(
      messagePage({ title: "Not found", message: "There is no such console page.", problem: true }),
      404,
    ),
  );
  const headers = secureHeaders({
    contentSecurityPolicy: contentSecurityPolicy(options.formActionOrigins ?? []),
    referrerPolicy: "same-origin",
  });
  pages.use("/console/*", headers);
  pages.use("/console", headers);
  // A page is about one operator's session and one member's state now: never kept by a cache.
  pages.use("*", async (c, next) => {
    await next();
    if (!c.req.path.startsWith(`${CONSOLE_ASSETS_PATH}/`)) c.header("cache-control", "no-store");
  });
  if (options.serveAssets) registerAssetRoutes(pages);
  pages.use("*", csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin }));
  pages.use("*", loadSession(deps.sessions));
  pages.use("*", requireCsrfToken);
  registerSignInRoutes(pages, deps);
  pages.use("/console", requireSession);
  pages.use("/console/*", requireSession);
  registerMemberRoutes(pages, deps);
  registerDashboardRoutes(pages, deps);
  registerStreamRoutes(pages, deps);
  registerDeadLetterRoutes(pages, deps);
  registerCatalogueRoutes(pages, deps);
  app.route("/", pages);
  return app;
}
