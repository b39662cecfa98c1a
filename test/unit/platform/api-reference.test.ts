import { describe, expect, it } from "vitest";
import { createServiceApp } from "../../../src/platform/http/service-app.ts";
import { createLocalApp } from "../../../src/runtime/local/local-app.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { testLogger } from "../../support/log-capture.ts";

const logger = testLogger("test-api-reference");

/** A service's app on the shared base, and the one-port app of the local process around the User Service. */
async function apps() {
  const service = createServiceApp(
    {
      title: "Roster Echo Service",
      version: "1.0.0",
      description: "Says back what it is asked.",
      tags: [],
      logger,
      principals: { resolve: async () => undefined as never },
      health: [],
    },
    () => undefined,
  );
  const s = await buildTestServices();
  const local = createLocalApp([{ name: "users", title: "User Service", app: s.app, health: [] }], {
    version: "0.1.0",
    logger,
    jwks: () => s.issuer.jwks(),
  });
  return { "a service's app": service, "the one-port app": local };
}

describe("the API reference, served whole by the app", async () => {
  for (const [name, app] of Object.entries(await apps())) {
    it(`${name}: /docs loads Scalar's script from the app and nothing from another origin`, async () => {
      const res = await app.request("/docs");
      const html = await res.text();

      expect(res.status).toBe(200);
      expect(html).toContain('<script src="/docs/scalar.js">');
      expect(html).not.toMatch(/https?:\/\//);
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(res.headers.get("content-security-policy")).toContain("connect-src 'self'");
    });

    it(`${name}: /docs/scalar.js is the installed package's script, cached and revalidated by its ETag`, async () => {
      const res = await app.request("/docs/scalar.js");
      const etag = res.headers.get("etag") ?? "";
      const again = await app.request("/docs/scalar.js", { headers: { "if-none-match": etag } });

      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
      expect(etag).toMatch(/^"[\w-]{27}"$/);
      expect((await res.text()).length).toBeGreaterThan(1_000_000);
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
    });
  }
});
