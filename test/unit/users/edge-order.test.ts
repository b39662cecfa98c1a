import { describe, expect, it } from "vitest";
import { PRINCIPALS_EXTENSION, SELF_EXTENSION } from "../../../src/platform/http/route-access.ts";
import { MAX_BODY_BYTES } from "../../../src/platform/http/service-app.ts";
import type { PrincipalKind } from "../../../src/platform/identity/principal.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import type { Json } from "../../support/json.ts";

const KINDS: PrincipalKind[] = ["user", "service", "operator"];
const METHODS = ["get", "put", "post", "delete", "patch"];
const ADA = "auth0|ada";
/** Values for path parameters: the route's own rules are not reached before the edge answers. */
const PARAMS: Record<string, string> = {
  user_id: encodeURIComponent(ADA),
  tag_name: "tier",
  consent_key: "terms",
  timestamp: "2026-01-01T00%3A00%3A00.000Z",
};
/** A body no route accepts: unknown fields of the wrong types. */
const MALFORMED = JSON.stringify({ "not-a-field": [1, { deeper: null }], user_email: 42 });

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly where: string;
  readonly body: boolean;
  readonly principals: PrincipalKind[] | undefined;
  readonly self: string | undefined;
}

/** Every operation of the User Service's own OpenAPI document, its path filled in. */
async function operations() {
  const s = await buildTestServices();
  const doc: Json = await (await s.app.request("/openapi.json")).json();
  const found: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>))
    for (const method of METHODS.filter((m) => item[m] && template !== "/health")) {
      const operation = item[method];
      found.push({
        method: method.toUpperCase(),
        path: template.replace(/\{([^}]+)\}/g, (_, name: string) => PARAMS[name] ?? "x"),
        where: `${method.toUpperCase()} ${template}`,
        body: operation.requestBody !== undefined,
        principals: operation[PRINCIPALS_EXTENSION],
        self: operation[SELF_EXTENSION],
      });
    }
  return { s, operations: found };
}

async function send(
  s: Awaited<ReturnType<typeof buildTestServices>>,
  op: Operation,
  options: { token?: string; body?: string; path?: string } = {},
) {
  const res = await s.app.request(options.path ?? op.path, {
    method: op.method,
    headers: {
      "content-type": "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(op.method === "GET" || op.method === "DELETE" ? {} : { body: options.body ?? MALFORMED }),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), body: text ? JSON.parse(text) : {} };
}

describe("the order at the edge, on every operation of the OpenAPI document", () => {
  it("states who may call each operation: bearer security and the admitted principal kinds", async () => {
    const { operations: all } = await operations();
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const op of all) {
      expect([op.where, op.principals?.length]).toEqual([op.where, expect.any(Number)]);
      for (const kind of op.principals ?? []) expect(KINDS).toContain(kind);
    }
  });

  it("answers 401 to a request without credentials, before the body or the parameters are read", async () => {
    const { s, operations: all } = await operations();
    for (const op of all)
      for (const path of [op.path, `${op.path}${op.path.includes("?") ? "&" : "?"}limit=%ff`]) {
        const res = await send(s, op, { path });
        expect([op.where, path, res.status]).toEqual([op.where, path, 401]);
        expect(res.type).toContain("application/problem+json");
        // The caller learns nothing of the route's schema.
        expect([op.where, res.body.errors]).toEqual([op.where, undefined]);
      }
  });

  it("answers 401 to a bad token the same way", async () => {
    const { s, operations: all } = await operations();
    for (const op of all) {
      const res = await send(s, op, { token: "not.a.token" });
      expect([op.where, res.status, res.body.errors]).toEqual([op.where, 401, undefined]);
    }
  });

  it("answers 403 to a principal of a kind the operation does not admit, before validation", async () => {
    const { s, operations: all } = await operations();
    let checked = 0;
    for (const op of all)
      for (const kind of KINDS.filter((k) => !op.principals?.includes(k))) {
        const token = await s.token({ kind, id: kind === "user" ? ADA : `${kind}-1`, mfa: true });
        const res = await send(s, op, { token });
        expect([op.where, kind, res.status, res.body.errors]).toEqual([op.where, kind, 403, undefined]);
        checked += 1;
      }
    expect(checked).toBeGreaterThanOrEqual(19);
  });

  it("answers 403 to a user on another user's path, before validation", async () => {
    const { s, operations: all } = await operations();
    const token = await s.token({ kind: "user", id: "auth0|grace", mfa: true });
    const own = all.filter((op) => op.self === "user_id" && op.principals?.includes("user"));
    expect(own.length).toBeGreaterThan(25);
    for (const op of own) {
      const res = await send(s, op, { token });
      expect([op.where, res.status, res.body.errors]).toEqual([op.where, 403, undefined]);
    }
  });

  it("validates only for an admitted caller: 400 naming the fields", async () => {
    const { s, operations: all } = await operations();
    for (const op of all.filter((o) => o.body)) {
      const kind = op.principals?.[0] ?? "operator";
      const token = await s.token({ kind, id: kind === "user" ? ADA : `${kind}-1`, mfa: true });
      const res = await send(s, op, { token });
      expect([op.where, res.status]).toEqual([op.where, 400]);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
  });

  it("answers 413 to an oversized body before all of it, with or without credentials", async () => {
    const { s, operations: all } = await operations();
    const token = await s.token({ kind: "operator", id: "operator-1", mfa: true });
    const oversized = JSON.stringify({ user_city: "x".repeat(MAX_BODY_BYTES) });
    for (const op of all.filter((o) => o.body))
      for (const credentials of [{}, { token }]) {
        const res = await send(s, op, { ...credentials, body: oversized });
        expect([op.where, res.status]).toEqual([op.where, 413]);
      }
  });

  it("never answers 5xx to any of these, whoever calls", async () => {
    const { s, operations: all } = await operations();
    const tokens = [
      undefined,
      await s.token({ kind: "user", id: ADA, mfa: true }),
      await s.token({ kind: "service", id: "service-1", mfa: false }),
      await s.token({ kind: "operator", id: "operator-1", mfa: true }),
    ];
    for (const op of all)
      for (const token of tokens)
        for (const body of [MALFORMED, "{", "[]", "null", '"text"'])
          for (const path of [op.path, op.path.replace(encodeURIComponent(ADA), "%00%ff")]) {
            const res = await send(s, op, { ...(token ? { token } : {}), body, path });
            expect([op.where, path, body, res.status < 500]).toEqual([op.where, path, body, true]);
          }
  });
});
