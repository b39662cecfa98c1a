import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../../src/platform/http/app-env.ts";
import { createServiceApp } from "../../../src/platform/http/service-app.ts";
import { createLocalApp, type MountedService } from "../../../src/runtime/local/local-app.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { lintDocument } from "../../support/document-lint.ts";
import type { Json } from "../../support/json.ts";
import { testLogger } from "../../support/log-capture.ts";

const logger = testLogger("test-local-app");

/** A second service beside the User Service: one documented route under its own prefix. */
function echoService(path: string, health = "echo-store"): MountedService {
  const app = createServiceApp(
    {
      title: "Roster Echo Service",
      version: "1.0.0",
      description: "Says back what it is asked.",
      tags: [{ name: "Echo", description: "Words said back" }],
      logger,
      principals: { resolve: async () => ({ kind: "service", id: "test", mfa: false }) },
      health: [{ name: health, check: async () => undefined }],
    },
    (api: OpenAPIHono<AppEnv>) => {
      api.openapi(
        createRoute({
          method: "get",
          path,
          tags: ["Echo"],
          request: { params: z.object({ word: z.string() }) },
          responses: {
            200: {
              description: "The word",
              content: { "application/json": { schema: z.object({ said: z.string() }).openapi("Echo") } },
            },
          },
        }),
        (c) => c.json({ said: c.req.valid("param").word }, 200),
      );
    },
  );
  return {
    name: "echo",
    title: "Echo Service",
    app,
    health: [{ name: health, check: async () => undefined }],
  };
}

async function twoServices() {
  const s = await buildTestServices();
  const users: MountedService = {
    name: "users",
    title: "User Service",
    app: s.app,
    health: s.services.health,
  };
  const app = createLocalApp([users, echoService("/echo/{word}")], {
    version: "0.1.0",
    logger,
    jwks: () => s.issuer.jwks(),
  });
  return { ...s, app };
}

describe("every service behind one port", () => {
  it("sends each request to the service whose routes match it, with that service's own authentication", async () => {
    const { app, token } = await twoServices();
    const user = await token({ kind: "user", id: "auth0|ada", mfa: true });

    const echoed = await app.request("/echo/hello");
    const read = await app.request("/auth0%7Cada/user", { headers: { authorization: `Bearer ${user}` } });
    const anonymous = await app.request("/auth0%7Cada/user");

    expect(echoed.status).toBe(200);
    expect(await echoed.json()).toEqual({ said: "hello" });
    expect(read.status).toBe(404);
    expect(((await read.json()) as Json).title).toBeDefined();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
  });

  it("answers a path no service has with a 404 problem, as the User Service answered it alone", async () => {
    const s = await buildTestServices();
    const { app } = await twoServices();

    const res = await app.request("/nobody/has/this/path");
    const alone = await s.app.request("/nobody/has/this/path");

    expect([res.status, alone.status]).toEqual([404, 404]);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("refuses to start when two services claim one path, naming both routes", async () => {
    const s = await buildTestServices();
    const users: MountedService = { name: "users", title: "User Service", app: s.app, health: [] };

    expect(() =>
      createLocalApp(
        [users, echoService("/echo/{word}"), { ...echoService("/users/{word}/invoices"), name: "billing" }],
        {
          version: "0.1.0",
          logger,
          jwks: () => s.issuer.jwks(),
        },
      ),
    ).toThrow(/billing GET \/users\/:word\/invoices starts with \/users, which users/);
  });

  it("reports every service's stores on /health", async () => {
    const { app, services } = await twoServices();

    const res = await app.request("/health");

    expect(res.status).toBe(200);
    const stores = Object.keys(((await res.json()) as Json).stores).sort();
    expect(stores).toEqual([...services.health.map((check) => check.name), "echo-store"].sort());
  });

  it("serves one OpenAPI 3.1 document of all services, tagged by service, and each service's own", async () => {
    const { app } = await twoServices();

    const merged: Json = await (await app.request("/openapi.json")).json();
    const own: Json = await (await app.request("/openapi/echo.json")).json();
    const users: Json = await (await app.request("/openapi/users.json")).json();

    const result = await validate(structuredClone(merged));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(merged.info.title).toBe("Roster");
    expect(Object.keys(merged.paths)).toEqual(
      expect.arrayContaining(["/health", "/echo/{word}", "/users/create", "/{user_id}/user"]),
    );
    expect(Object.keys(merged.paths)).toHaveLength(Object.keys(users.paths).length + 1);
    expect(merged["x-tagGroups"]).toEqual([
      { name: "Roster", tags: ["Service"] },
      { name: "User Service", tags: expect.arrayContaining(["Users", "Memberships", "Consents"]) },
      { name: "Echo Service", tags: ["Echo"] },
    ]);
    expect(merged.components.schemas).toHaveProperty("Echo");
    expect(merged.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(own.info.title).toBe("Roster Echo Service");
    expect(Object.keys(own.paths)).toEqual(["/health", "/echo/{word}"]);
    expect(users.info.title).toBe("Roster User Service");
  });

  it("points a person who opens the root to the documents, on the one port and on each service's app", async () => {
    const { app, services } = await twoServices();
    const s = await buildTestServices();

    const root: Json = await (await app.request("/")).json();
    const own: Json = await (await s.app.request("/")).json();

    expect(root).toMatchObject({
      name: "Roster",
      docs: "/docs",
      openapi: "/openapi.json",
      health: "/health",
    });
    expect(root.documents).toEqual(["/asyncapi.json"]);
    expect(root.services).toEqual([
      { name: "users", title: "User Service", openapi: "/openapi/users.json" },
      { name: "echo", title: "Echo Service", openapi: "/openapi/echo.json" },
    ]);
    expect(own).toEqual({
      name: "Roster User Service",
      docs: "/docs",
      openapi: "/openapi.json",
      health: "/health",
      documents: ["/asyncapi.json"],
    });
    expect(services.health.length).toBeGreaterThan(0);
  });

  it("shows every document on /docs", async () => {
    const { app } = await twoServices();

    const html = await (await app.request("/docs")).text();

    for (const url of ["/openapi.json", "/openapi/users.json", "/openapi/echo.json"])
      expect(html).toContain(url);
  });

  it("serves a merged document that passes Spectral's oas ruleset with no error and no warning", async () => {
    const s = await buildTestServices();
    const users: MountedService = {
      name: "users",
      title: "User Service",
      app: s.app,
      health: s.services.health,
    };
    const app = createLocalApp([users], { version: "0.1.0", logger, jwks: () => s.issuer.jwks() });
    const doc: Json = await (await app.request("/openapi.json")).json();

    const findings = await lintDocument(doc, "oas");
    expect(findings.filter((f) => f.severity === "error" || f.severity === "warning")).toEqual([]);
    expect(doc.info.license).toMatchObject({ identifier: "Apache-2.0" });
    expect(doc.tags.find((t: Json) => t.name === "Memberships").description).toContain("lifecycle");
  });
});
