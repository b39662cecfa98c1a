import { describe, expect, it } from "vitest";
import { PaymentRequiredError } from "../../../src/platform/errors/app.errors.ts";
import { toProblem } from "../../../src/platform/errors/problem.ts";
import type { HealthCheck } from "../../../src/platform/http/health.routes.ts";
import { createServiceApp } from "../../../src/platform/http/service-app.ts";
import { createLocalApp } from "../../../src/runtime/local/local-app.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import type { Json } from "../../support/json.ts";
import { testLogger } from "../../support/log-capture.ts";

const logger = testLogger("test-problem-details");

/** A store that fails as a driver does: its message names a host, a user and a password. */
const brokenStore: HealthCheck = {
  name: "postgres",
  check: async () => {
    throw Object.assign(new Error("connect ECONNREFUSED 10.0.7.9:5432 user=ops_admin password=hunter2"), {
      code: "ECONNREFUSED",
    });
  },
};
const goodStore: HealthCheck = { name: "table-store", check: async () => undefined };

function serviceApp(health: readonly HealthCheck[]) {
  return createServiceApp(
    {
      title: "Roster Echo Service",
      version: "1.0.0",
      description: "Says back what it is asked.",
      tags: [],
      logger,
      principals: { resolve: async () => undefined as never },
      health,
    },
    () => undefined,
  );
}

describe("problem details at the edge", () => {
  it("answers a body of another media type 415 problem+json naming the type the operation takes", async () => {
    const s = await buildTestServices();
    const token = await s.token({ kind: "user", id: "auth0|ada", mfa: true });

    const res = await s.app.request("/users/create", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain; charset=utf-8" },
      body: "user_email=ada@example.com",
    });

    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: "https://roster.dev/problems/unsupported-media-type",
      title: "Unsupported media type",
      status: 415,
      detail: "the request body must be application/json; this one is text/plain",
      instance: "/users/create",
    });
  });

  it("answers /health 200 with each store's state while every store answers", async () => {
    const res = await serviceApp([goodStore]).request("/health");

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ status: "ok", stores: { "table-store": { status: "ok" } } });
  });

  it("answers /health 503 problem+json naming the failed store, its kind of failure and nothing of its message", async () => {
    const s = await buildTestServices();
    const apps = {
      service: serviceApp([goodStore, brokenStore]),
      "one port": createLocalApp(
        [{ name: "users", title: "User Service", app: s.app, health: [goodStore, brokenStore] }],
        { version: "0.1.0", logger, jwks: () => s.issuer.jwks() },
      ),
    };

    for (const [name, app] of Object.entries(apps)) {
      const res = await app.request("/health");
      const text = await res.text();

      expect([name, res.status, res.headers.get("content-type")]).toEqual([
        name,
        503,
        "application/problem+json",
      ]);
      expect(JSON.parse(text) as Json).toEqual({
        type: "https://roster.dev/problems/unavailable",
        title: "Service unavailable",
        status: 503,
        detail: "a store does not answer: postgres",
        instance: "/health",
        stores: {
          "table-store": { status: "ok" },
          postgres: { status: "error", detail: "Error (ECONNREFUSED)" },
        },
      });
      for (const secret of ["10.0.7.9", "ops_admin", "hunter2"]) expect(text).not.toContain(secret);
    }
  });
});

describe("problem extension members (RFC 9457 section 3.2)", () => {
  it("carries an error's machine-readable facts beside its detail, never over the standard members", () => {
    const problem = toProblem(
      new PaymentRequiredError("the card was declined", {
        code: "PAYMENT_DECLINED",
        decline_code: "card_declined",
        status: 200,
      }),
      "/payments/users/auth0%7Cada/charges",
    );

    expect(problem).toEqual({
      type: "https://roster.dev/problems/payment-declined",
      title: "Payment declined",
      status: 402,
      detail: "the card was declined",
      instance: "/payments/users/auth0%7Cada/charges",
      code: "PAYMENT_DECLINED",
      decline_code: "card_declined",
    });
  });
});
