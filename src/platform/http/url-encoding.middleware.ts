import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { ValidationError } from "../errors/app.errors.ts";
import { toProblem } from "../errors/problem.ts";
import type { AppEnv } from "./app-env.ts";
import { problemResponse } from "./problem.responses.ts";

const decodes = (raw: string) => {
  try {
    decodeURIComponent(raw.replaceAll("+", " "));
    return true;
  } catch {
    return false;
  }
};

/**
 * Refuses a path or query whose percent-encoding is not UTF-8 (`%FF`, or `%ED%A0%80`, a lone
 * surrogate), with 400 naming the parameter. Hono leaves such a sequence undecoded, so the route would
 * otherwise see the text "%FF": the text policy's "not valid UTF-8" for what cannot reach a schema.
 */
export function refuseMalformedUrl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // A %-sequence cannot span a `/` or a `&`, so when the whole URL decodes every part of it does.
    if (decodes(c.req.url)) return next();
    const url = new URL(c.req.url);
    const bad = [...badPathParams(url.pathname, routePath(c, -1)), ...badQueryParams(url.search)];
    if (bad.length === 0) return next();
    const errors = bad.map((path) => ({ path, message: "is not valid UTF-8 (percent-encoded)" }));
    return problemResponse(c, toProblem(new ValidationError(errors), c.req.path));
  };
}

/** `param.<name>` for each parameter of `template` (Hono's `/:user_id/user`) that does not decode. */
function badPathParams(pathname: string, template: string): string[] {
  const segments = pathname.split("/");
  if (segments.every(decodes)) return [];
  const names = template.split("/");
  return segments.flatMap((segment, i) => {
    if (decodes(segment)) return [];
    const name = names[i];
    return [name?.startsWith(":") ? `param.${name.slice(1)}` : "path"];
  });
}

function badQueryParams(search: string): string[] {
  return search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !decodes(pair))
    .map((pair) => {
      const name = pair.split("=")[0] ?? "";
      return decodes(name) ? `query.${decodeURIComponent(name.replaceAll("+", " "))}` : "query";
    });
}
