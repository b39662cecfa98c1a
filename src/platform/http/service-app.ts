import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import type { JSONWebKeySet } from "jose";
import { ContentTooLargeError } from "../errors/app.errors.ts";
import { toProblem } from "../errors/problem.ts";
import type { PrincipalResolver } from "../identity/principal.ts";
import type { Logger } from "../logging/logger.ts";
import { accessLog } from "./access-log.middleware.ts";
import { REFERENCE_SCRIPT_PATH, registerApiReference } from "./api-reference.routes.ts";
import type { AppEnv } from "./app-env.ts";
import { authenticate } from "./authenticate.middleware.ts";
import { type HealthCheck, registerHealthRoute, SERVICE_TAG } from "./health.routes.ts";
import { type DocumentTag, openApiDocument } from "./openapi.document.ts";
import { errorHandler, notFoundHandler, problemResponse, validationHook } from "./problem.responses.ts";
import { declaredMediaTypes } from "./request-media-types.ts";

/**
 * The largest request body any route reads: well under API Gateway's 10 MB payload limit, and far more
 * than any Roster request needs (the largest is a profile change of a few KB).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */
export const MAX_BODY_BYTES = 64 * 1024;

/** Requests that carry no body (Fetch's Request refuses one for these): nothing to limit. */
const BODILESS = new Set(["GET", "HEAD"]);

/**
 * 413 before the body is read whole: a Content-Length over the limit is refused at once, and a body
 * without one is counted as it streams in and refused as soon as it passes the limit. A GET or HEAD is
 * passed straight on: asking for its (absent) body would make @hono/node-server build the full Fetch
 * Request it otherwise avoids, the largest single cost of a read (issue 16's profile).
 */
export function limitBody(maxBytes: number = MAX_BODY_BYTES): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      problemResponse(
        c,
        toProblem(new ContentTooLargeError(`the request body is over ${maxBytes} bytes`), c.req.path),
      ),
  });
  return (c, next) => (BODILESS.has(c.req.method) ? next() : limit(c, next));
}

/** The paths every service's app answers alike; the local process answers them once for all services. */
export const SHARED_PATHS = [
  "/",
  "/health",
  "/openapi.json",
  "/docs",
  REFERENCE_SCRIPT_PATH,
  "/.well-known/jwks.json",
] as const;

export interface ServiceAppOptions {
  /** "Roster User Service": the OpenAPI document's title. */
  readonly title: string;
  readonly version: string;
  readonly description: string;
  /** The tags the service's operations use, each with what it groups (the base adds its own `Service`). */
  readonly tags: readonly DocumentTag[];
  readonly logger: Logger;
  readonly principals: PrincipalResolver;
  readonly health: readonly HealthCheck[];
  /** The local issuer's keys, served so clients can verify tokens (absent on AWS, where Auth0 serves them). */
  readonly jwks?: (() => JSONWebKeySet) | undefined;
  /** The body limit of every route (413 problem above it); MAX_BODY_BYTES unless a service needs less. */
  readonly maxBodyBytes?: number;
  /** Documents served without a token besides the OpenAPI one, by path (e.g. `/asyncapi.json`). */
  readonly documents?: Readonly<Record<string, () => unknown>>;
}

export const bearerScheme = {
  type: "http",
  scheme: "bearer",
  bearerFormat: "JWT",
  description: "Auth0 user token (legacy gateway) or, locally, a token from `npm run token`",
} as const;

/**
 * A service's HTTP app on the one base every service shares: request ids, the access log, RFC 9457
 * problems for errors and unknown paths, `/health`, `/openapi.json` and `/docs` without a token, then
 * authentication in front of the routes `register` adds. Lambda serves it with `handle(app)`, tests
 * with `app.request()`; the local process mounts every service's app behind one port.
 */
export function createServiceApp(
  options: ServiceAppOptions,
  register: (app: OpenAPIHono<AppEnv>) => void,
): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(requestId());
  app.use(accessLog(options.logger));
  app.onError(errorHandler(options.logger, declaredMediaTypes(app)));
  app.notFound(notFoundHandler);
  app.use(limitBody(options.maxBodyBytes));

  registerHealthRoute(app, options.health, options.logger);
  const openapi = openApiDocument(
    app,
    { ...options, tags: [...options.tags, SERVICE_TAG] },
    options.maxBodyBytes ?? MAX_BODY_BYTES,
  );
  app.get("/openapi.json", (c) => c.json(openapi()));
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", bearerScheme);
  registerApiReference(app, {
    pageTitle: options.title,
    sources: [{ title: options.title, url: "/openapi.json" }],
  });
  for (const [path, document] of Object.entries(options.documents ?? {}))
    app.get(path, (c) => c.json(document() as object));
  const index = {
    name: options.title,
    docs: "/docs",
    openapi: "/openapi.json",
    health: "/health",
    documents: Object.keys(options.documents ?? {}),
  };
  // Where a person who opens the API's root in a browser finds the rest.
  app.get("/", (c) => c.json(index));
  const jwks = options.jwks;
  if (jwks) app.get("/.well-known/jwks.json", (c) => c.json(jwks()));

  app.use(authenticate(options.principals));
  register(app);
  return app;
}
