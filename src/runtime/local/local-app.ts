import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { JSONWebKeySet } from "jose";
import { accessLog } from "../../platform/http/access-log.middleware.ts";
import { registerApiReference } from "../../platform/http/api-reference.routes.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { type HealthCheck, registerHealthRoute, SERVICE_TAG } from "../../platform/http/health.routes.ts";
import { ROSTER_CONTACT, ROSTER_LICENSE, ROSTER_SERVERS } from "../../platform/http/openapi.document.ts";
import { errorHandler, notFoundHandler, validationHook } from "../../platform/http/problem.responses.ts";
import { bearerScheme } from "../../platform/http/service-app.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { type LocalClockRouteDeps, registerLocalClockRoutes } from "./local-clock.routes.ts";
import { type LocalOidcDeps, registerLocalOidcRoutes } from "./local-oidc.routes.ts";
import { mergeOpenApiDocuments } from "./openapi-merge.ts";
import { LOCAL_PROCESS, routeOwner, routeTable, serviceRoutes } from "./route-table.ts";

export interface MountedService {
  readonly name: string;
  readonly title: string;
  readonly app: Hono<AppEnv>;
  readonly health: readonly HealthCheck[];
  /** False for an app of pages (the console): left out of the OpenAPI documents and `/docs`. */
  readonly documented?: boolean;
}

export interface LocalAppOptions {
  readonly version: string;
  readonly logger: Logger;
  readonly jwks: () => JSONWebKeySet;
  /** The local clock's routes (`/local/clock`), when the process runs on the data folder's clock. */
  readonly clock?: LocalClockRouteDeps;
  /** The local OpenID Connect issuer the console signs operators in with (`/local/oidc`). */
  readonly oidc?: LocalOidcDeps;
}

/** Where each service's own OpenAPI document is served locally (`/openapi.json` is all of them). */
export const serviceDocumentPath = (service: string) => `/openapi/${service}.json`;

/**
 * Every service behind one port, as clients see them on AWS behind their gateways: a request goes,
 * untouched, to the one service that owns its first path segment (route-table.ts; the composition is
 * refused at start-up if two services claim one), so each service's own middleware, authentication and
 * errors answer it. The local
 * process itself answers `/health` (every service's checks), `/openapi.json` (all services' documents in
 * one, tagged by service), each service's own document, `/docs`, the local issuer's keys and, under
 * `/local/`, what only the local process has (its clock: local-clock.routes.ts).
 */
export function createLocalApp(services: readonly MountedService[], options: LocalAppOptions): Hono {
  // Throws, naming both routes, when two services (or a service and the local process) claim one path.
  const table = routeTable(
    services.map((service) => ({ name: service.name, routes: serviceRoutes(service.app) })),
  );
  const apps = new Map(services.map((service) => [service.name, service.app]));
  const documented = services.filter((service) => service.documented !== false);

  const own = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  own.use(requestId());
  own.use(accessLog(options.logger));
  own.onError(errorHandler(options.logger));
  own.notFound(notFoundHandler);
  registerHealthRoute(
    own,
    services.flatMap((service) => service.health),
    options.logger,
  );
  own.openAPIRegistry.registerComponent("securitySchemes", "bearer", bearerScheme);
  let merged: Promise<object> | undefined;
  const document = () =>
    (merged ??= mergedDocument(own, documented, options.version).catch((error: unknown) => {
      merged = undefined;
      throw error;
    }));
  own.get("/openapi.json", async (c) => c.json(await document()));
  for (const service of documented)
    own.get(serviceDocumentPath(service.name), (c) =>
      service.app.fetch(new Request(new URL("/openapi.json", c.req.url))),
    );
  registerApiReference(own, {
    pageTitle: "Roster API",
    sources: [
      { title: "All services", url: "/openapi.json" },
      ...documented.map((s) => ({ title: s.title, url: serviceDocumentPath(s.name) })),
    ],
  });
  own.get("/.well-known/jwks.json", (c) => c.json(options.jwks()));
  if (options.clock) registerLocalClockRoutes(own, options.clock);
  if (options.oidc) registerLocalOidcRoutes(own, options.oidc);
  const documents = documented.flatMap((service) =>
    serviceRoutes(service.app)
      .filter((route) => route.method === "GET" && /^\/([\w-]+\/)?[\w.-]+\.json$/.test(route.path))
      .map((route) => route.path),
  );
  // Where a person who opens the root in a browser finds the rest.
  own.get("/", (c) =>
    c.json({
      name: "Roster",
      docs: "/docs",
      openapi: "/openapi.json",
      health: "/health",
      documents,
      pages: services
        .filter((s) => s.documented === false)
        .map((s) => ({ name: s.name, title: s.title, url: `/${s.name}` })),
      services: documented.map((s) => ({
        name: s.name,
        title: s.title,
        openapi: serviceDocumentPath(s.name),
      })),
    }),
  );

  const root = new Hono();
  root.all("*", (c) => {
    const owner = routeOwner(table, c.req.path);
    const app = owner === undefined || owner === LOCAL_PROCESS ? own : (apps.get(owner) ?? own);
    return app.fetch(c.req.raw, c.env);
  });
  return root;
}

async function mergedDocument(
  own: OpenAPIHono<AppEnv>,
  services: readonly MountedService[],
  version: string,
): Promise<object> {
  const base = own.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Roster",
      version,
      description:
        "Every Roster service, as the local process serves them on one port; each service's own document is at /openapi/<service>.json. Errors are RFC 9457 problem+json.",
      contact: { ...ROSTER_CONTACT },
      license: { ...ROSTER_LICENSE },
    },
    servers: [{ ...ROSTER_SERVERS[0] }],
    tags: [SERVICE_TAG],
  }) as unknown as Record<string, unknown>;
  const documents = await Promise.all(
    services.map(async (service) => ({
      name: service.name,
      title: service.title,
      document: (await (await service.app.request("/openapi.json")).json()) as Record<string, unknown>,
    })),
  );
  return mergeOpenApiDocuments(base, documents);
}
