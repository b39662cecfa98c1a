import type { Hono } from "hono";
import { SHARED_PATHS } from "../../platform/http/service-app.ts";

export interface Route {
  readonly method: string;
  /** Hono's pattern: `/:user_id/user`, `/apple/*`. */
  readonly path: string;
}

export interface ServiceRoutes {
  readonly name: string;
  readonly routes: readonly Route[];
}

/**
 * Which service answers a path, decided by its first segment: each word there (`users`, `subscriptions`,
 * `apple`) belongs to one service or to the local process itself; a path that starts with none of them
 * goes to the one service whose routes start with a parameter (the User Service's `/{user_id}/...`).
 * So no request can reach two services, and a `{user_id}` is never a word another service owns.
 */
export interface RouteTable {
  readonly owners: ReadonlyMap<string, string>;
  /** The service whose routes start with a parameter, if any. */
  readonly fallback: string | undefined;
}

/**
 * What the local process answers itself: the shared documents, each service's own document, and
 * `/local/...`, what only the local process has (its clock).
 */
export const LOCAL_PROCESS = "the local process";
const LOCAL_WORDS = [...SHARED_PATHS.map((path) => firstSegment(path)), "openapi", "local"];

export class RouteConflictError extends Error {
  override readonly name = "RouteConflictError";
}

const ANY_METHOD = "ALL";

/** The routes a service's app answers itself (middleware and the paths every app shares left out), once each. */
export function serviceRoutes(app: Pick<Hono, "routes">): Route[] {
  const shared = new Set<string>(SHARED_PATHS);
  const seen = new Map<string, Route>();
  for (const { method, path } of app.routes) {
    // `use()` registers middleware as ALL routes; a service's own routes name their method.
    if (method === ANY_METHOD || shared.has(path)) continue;
    seen.set(`${method} ${path}`, { method, path });
  }
  return [...seen.values()];
}

export function firstSegment(path: string): string {
  return path.split("/").find((segment) => segment.length > 0) ?? "";
}

const isVariable = (segment: string) => segment.startsWith(":") || segment === "*" || segment === "";

/** The table, or a RouteConflictError naming both claimants of a word (or both parameter-first services). */
export function routeTable(services: readonly ServiceRoutes[]): RouteTable {
  const owners = new Map<string, string>(LOCAL_WORDS.map((word) => [word, LOCAL_PROCESS]));
  const claims = new Map<string, Route>();
  let fallback: { service: string; route: Route } | undefined;
  for (const { name, routes } of services) {
    for (const route of routes) {
      const word = firstSegment(route.path);
      if (isVariable(word)) {
        if (fallback && fallback.service !== name)
          throw new RouteConflictError(
            `${fallback.service} ${describe(fallback.route)} and ${name} ${describe(route)} both start with a parameter: only one service may`,
          );
        fallback ??= { service: name, route };
        continue;
      }
      const owner = owners.get(word);
      if (owner !== undefined && owner !== name) {
        const theirs = claims.get(word);
        throw new RouteConflictError(
          `${name} ${describe(route)} starts with /${word}, which ${owner}${theirs ? ` (${describe(theirs)})` : ""} answers`,
        );
      }
      owners.set(word, name);
      if (!claims.has(word)) claims.set(word, route);
    }
  }
  return { owners, fallback: fallback?.service };
}

/** The service (or LOCAL_PROCESS) that answers `path`; undefined when none could. */
export function routeOwner(table: RouteTable, path: string): string | undefined {
  return table.owners.get(firstSegment(path)) ?? table.fallback;
}

function describe(route: Route): string {
  return `${route.method} ${route.path}`;
}
