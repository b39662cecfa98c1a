import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";

/** The media types an operation's body may have, by Hono's method and route pattern (`POST /:user_id/tags`). */
export type DeclaredMediaTypes = (method: string, routePath: string) => readonly string[] | undefined;

/**
 * The body media types each operation of `app`'s OpenAPI document declares, read once from its registry on
 * first use (after every route is registered), so a 415 can name what the operation takes.
 */
export function declaredMediaTypes(app: OpenAPIHono<AppEnv>): DeclaredMediaTypes {
  let byRoute: Map<string, readonly string[]> | undefined;
  return (method, routePath) => {
    byRoute ??= new Map(
      app.openAPIRegistry.definitions.flatMap((definition) => {
        const content = definition.type === "route" ? definition.route.request?.body?.content : undefined;
        if (definition.type !== "route" || !content) return [];
        // zod-openapi registers `/{user_id}/tags` with Hono as `/:user_id/tags`.
        const path = definition.route.path.replaceAll(/\{([^}]+)\}/g, ":$1");
        return [[`${definition.route.method.toUpperCase()} ${path}`, Object.keys(content)] as const];
      }),
    );
    return byRoute.get(`${method.toUpperCase()} ${routePath}`);
  };
}
