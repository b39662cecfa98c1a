import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { behindCloudFront } from "../../../src/console/api/behind-cloudfront.app.ts";

const ORIGIN = "https://console.roster.test";
const SECRET = "s3cret-from-secrets-manager";

/** The console's app as far as this concerns: it echoes the URL and headers it was given. */
const echo = new Hono().all("*", async (c) =>
  c.json({
    url: c.req.url,
    host: c.req.header("host"),
    verify: c.req.header("x-roster-origin-verify") ?? null,
    body: c.req.method === "POST" ? await c.req.text() : null,
  }),
);
const edge = behindCloudFront(echo, { publicOrigin: ORIGIN, originSecret: SECRET });
/** A request as the function URL receives it from CloudFront: the function URL's own host. */
const fromCloudFront = (path: string, headers: Record<string, string>, init: RequestInit = {}) =>
  edge.request(`https://abc.lambda-url.us-east-2.on.aws${path}`, { ...init, headers });

describe("the console's Lambda behind CloudFront", () => {
  it("rebuilds the request on the public origin from x-forwarded-host, dropping CloudFront's headers", async () => {
    const res = await fromCloudFront(
      "/console/members/a?tab=1",
      {
        "x-roster-origin-verify": SECRET,
        "x-forwarded-host": "console.roster.test",
        "content-type": "text/plain",
      },
      { method: "POST", body: "reason=fraud" },
    );
    expect(await res.json()).toEqual({
      url: `${ORIGIN}/console/members/a?tab=1`,
      host: "console.roster.test",
      verify: null,
      body: "reason=fraud",
    });
  });

  it("refuses a request that did not come through the distribution", async () => {
    const missing = await fromCloudFront("/console", { "x-forwarded-host": "console.roster.test" });
    const wrong = await fromCloudFront("/console", {
      "x-roster-origin-verify": "guess",
      "x-forwarded-host": "console.roster.test",
    });
    expect([missing.status, wrong.status]).toEqual([403, 403]);
  });

  it("refuses another viewer host, and sends / to the console", async () => {
    const other = await fromCloudFront("/console", {
      "x-roster-origin-verify": SECRET,
      "x-forwarded-host": "d111.cloudfront.net",
    });
    expect(other.status).toBe(421);
    const root = await fromCloudFront("/", {
      "x-roster-origin-verify": SECRET,
      "x-forwarded-host": "console.roster.test",
    });
    expect([root.status, root.headers.get("location")]).toEqual([302, `${ORIGIN}/console`]);
  });
});
