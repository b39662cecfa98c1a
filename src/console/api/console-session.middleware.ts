import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ForbiddenError } from "../../platform/errors/app.errors.ts";
import type { ConsoleSessionRepository } from "../ports/console-session.repository.ts";
import { clearSessionCookie, sessionCookie } from "./console-cookies.ts";
import type { ConsoleEnv } from "./console-env.ts";

/** Reads the operator's session from its cookie (an ended or unknown one is cleared). */
export function loadSession(sessions: ConsoleSessionRepository): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const id = sessionCookie(c);
    const session = id ? await sessions.find(id) : undefined;
    if (id && !session) clearSessionCookie(c);
    c.set("session", session);
    await next();
  };
}

/**
 * Pages need a session: a GET without one goes to sign-in and comes back to the same page; any other
 * method gets 401 (its form cannot be replayed after a sign-in).
 */
export const requireSession: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  if (c.get("session")) return next();
  if (c.req.method === "GET" || c.req.method === "HEAD") {
    const url = new URL(c.req.url);
    return c.redirect(`/console/login?return=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  return c.redirect("/console/login", 303);
};

/**
 * Every change carries the session's CSRF token (the form's `_csrf` or the `x-csrf-token` header),
 * compared in constant time; hono/csrf checks the Origin first (console.app.ts).
 */
export const requireCsrfToken: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const session = c.get("session");
  if (!session || c.req.method === "GET" || c.req.method === "HEAD") return next();
  let sent = c.req.header("x-csrf-token");
  if (!sent && (c.req.header("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
    const form = await c.req.parseBody();
    sent = typeof form._csrf === "string" ? form._csrf : undefined;
  }
  if (!sent || !same(sent, session.csrfToken))
    throw new ForbiddenError(
      "this form is out of date or did not come from the console: reload the page and try again",
    );
  return next();
};

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
