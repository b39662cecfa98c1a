import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../../src/platform/http/service-app.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import type { Json } from "../../support/json.ts";

/** Every operation of the User Service's own OpenAPI document that takes a body, with its path filled in. */
async function operationsWithBodies() {
  const s = await buildTestServices();
  const doc: Json = await (await s.app.request("/openapi.json")).json();
  const operations: { method: string; path: string }[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>))
    for (const [method, operation] of Object.entries(item))
      if ((operation as Json).requestBody)
        operations.push({
          method: method.toUpperCase(),
          path: template.replace(/\{[^}]+\}/g, "auth0%7Cada"),
        });
  return { s, operations };
}

const oversized = JSON.stringify({ user_city: "x".repeat(MAX_BODY_BYTES) });

describe("the body limit of the shared HTTP base", () => {
  it("answers 413 problem+json to an oversized body on every operation that takes one, before authentication", async () => {
    const { s, operations } = await operationsWithBodies();
    const token = await s.token({ kind: "user", id: "auth0|ada", mfa: true });

    expect(operations.length).toBeGreaterThan(10);
    for (const { method, path } of operations)
      for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
        const res = await s.app.request(path, {
          method,
          headers: { "content-type": "application/json", ...headers },
          body: oversized,
        });
        expect([method, path, res.status]).toEqual([method, path, 413]);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(await res.json()).toMatchObject({
          status: 413,
          type: "https://roster.dev/problems/content-too-large",
          title: "Content too large",
        });
      }
  });

  it("refuses a body without Content-Length as soon as it streams past the limit", async () => {
    const s = await buildTestServices();
    const token = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
    let sent = 0;
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // A client that would go on for ever: the answer must come while it is still sending.
        sent += chunk.length;
        if (sent > 100 * MAX_BODY_BYTES) controller.close();
        else controller.enqueue(chunk);
      },
    });

    const res = await s.app.request("/auth0%7Cada/user", {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body,
      duplex: "half",
    } as RequestInit);

    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(10 * MAX_BODY_BYTES);
  });

  it("lets a body at the limit through to validation", async () => {
    const s = await buildTestServices();
    const token = await s.token({ kind: "user", id: "auth0|ada", mfa: true });

    const res = await s.app.request("/auth0%7Cada/user", {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ user_city: "x".repeat(MAX_BODY_BYTES - 20) }),
    });

    expect(res.status).toBe(400);
  });
});
