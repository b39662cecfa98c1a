import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";

/** The header CloudFront adds to every request it sends the function URL (an origin custom header). */
export const ORIGIN_SECRET_HEADER = "x-roster-origin-verify";
/** The header the distribution's viewer-request function copies the viewer's Host into. */
export const FORWARDED_HOST_HEADER = "x-forwarded-host";

export interface BehindCloudFrontOptions {
  /** The console's public origin (`https://console.example.com`): the only viewer host served. */
  readonly publicOrigin: string;
  /** The value CloudFront sends in ORIGIN_SECRET_HEADER. */
  readonly originSecret: string;
}

/** What the console's app is to this wrapper: anything answering a request with its Lambda context. */
export interface FetchApp {
  fetch(request: Request, env: unknown): Response | Promise<Response>;
}

const same = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The console's Lambda behind CloudFront and a function URL: CloudFront sends the function URL's own
 * host, so the request's URL is rebuilt on the public origin from `x-forwarded-host` (what the viewer
 * asked for) before the app sees it, and the OIDC callback URL, hono/csrf's Origin check and the
 * redirects all use the origin the browser is on. A request without CloudFront's secret header did not
 * come through the distribution (the function URL is reachable without AWS credentials) and gets 403;
 * one for another host gets 421. Neither header reaches the app.
 */
export function behindCloudFront(app: FetchApp, options: BehindCloudFrontOptions): Hono {
  const publicOrigin = new URL(options.publicOrigin);
  const edge = new Hono();
  edge.all("*", async (c) => {
    if (!same(c.req.header(ORIGIN_SECRET_HEADER) ?? "", options.originSecret))
      return c.text("This origin answers only through the console's CloudFront distribution.", 403);
    if (c.req.header(FORWARDED_HOST_HEADER)?.toLowerCase() !== publicOrigin.host)
      return c.text(`The console is served at ${publicOrigin.origin}.`, 421);
    const url = new URL(c.req.url);
    if (url.pathname === "/") return c.redirect(`${publicOrigin.origin}/console`, 302);
    const headers = new Headers(c.req.raw.headers);
    headers.delete(ORIGIN_SECRET_HEADER);
    headers.delete(FORWARDED_HOST_HEADER);
    headers.set("host", publicOrigin.host);
    const body = ["GET", "HEAD"].includes(c.req.method) ? undefined : await c.req.arrayBuffer();
    const rebuilt = new Request(`${publicOrigin.origin}${url.pathname}${url.search}`, {
      method: c.req.method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    return app.fetch(rebuilt, c.env);
  });
  return edge;
}
