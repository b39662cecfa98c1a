import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpServer, startHttpServer } from "../../../src/runtime/local/http-server.ts";
import { createLocalApp } from "../../../src/runtime/local/local-app.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { CHROMIUM_MISSING, CHROMIUM_PATH, chromiumTests } from "../../support/chromium.ts";
import type { Json } from "../../support/json.ts";
import { testLogger } from "../../support/log-capture.ts";

const browserTests = chromiumTests();

/** The one-port app of the local process, with the User Service, on a loopback port. */
async function serveLocalApp(): Promise<{ server: HttpServer; base: string }> {
  const s = await buildTestServices();
  const app = createLocalApp(
    [{ name: "users", title: "User Service", app: s.app, health: s.services.health }],
    { version: "0.1.0", logger: testLogger("test-docs"), jwks: () => s.issuer.jwks() },
  );
  const server = await startHttpServer(app.fetch, { port: 0, hostname: "127.0.0.1" });
  return { server, base: `http://127.0.0.1:${server.port}` };
}

describe.skipIf(!browserTests.run)(`the API reference without internet ${browserTests.title}`, () => {
  let local: Awaited<ReturnType<typeof serveLocalApp>>;
  beforeAll(async () => {
    local = await serveLocalApp();
  });
  afterAll(() => local?.server.close());

  it("renders the operations in headless Chromium, asking nothing of any host but the API's", async () => {
    const document: Json = await (await fetch(`${local.base}/openapi.json`)).json();
    const health = String(document.paths["/health"].get.summary);
    const signUp = String(document.paths["/users/create"].post.summary);
    const browser = await chromium
      .launch({ executablePath: CHROMIUM_PATH, headless: true })
      .catch((error: unknown) => {
        throw new Error(`${CHROMIUM_MISSING}, and CI=true requires them to run: ${String(error)}`);
      });
    try {
      const page = await browser.newPage();
      // The network is closed: a request to any other host is recorded and refused. One the page's
      // Content-Security-Policy blocks never reaches the network; it is recorded through the page's event
      // (but for "eval": zod probes `new Function("")` for a faster path and does without when refused).
      const elsewhere: string[] = [];
      const failures: string[] = [];
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith(`${local.base}/`)) return route.continue();
        elsewhere.push(url);
        return route.abort("internetdisconnected");
      });
      await page.exposeFunction("blockedByPolicy", (uri: string) => {
        if (uri !== "eval") elsewhere.push(`blocked by the policy: ${uri}`);
      });
      await page.addInitScript({
        content: `document.addEventListener("securitypolicyviolation", (e) => blockedByPolicy(e.blockedURI));`,
      });
      page.on("pageerror", (error) => failures.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") failures.push(message.text());
      });

      const response = await page.goto(`${local.base}/docs`);
      await page.getByText(health).first().waitFor({ state: "visible", timeout: 20_000 });
      await page.locator("nav, aside").getByText("Users", { exact: true }).first().click();
      await page.getByText(signUp).first().waitFor({ state: "visible" });

      expect(response?.status()).toBe(200);
      expect(elsewhere).toEqual([]);
      expect(failures).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
