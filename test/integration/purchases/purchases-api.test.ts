import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { createPurchasesApp } from "../../../src/purchases/api/purchases.app.ts";
import {
  invalidAsyncApiExamples,
  invalidOpenApiExamples,
  lintDocument,
} from "../../support/document-lint.ts";
import type { Json } from "../../support/json.ts";
import { testLogger } from "../../support/log-capture.ts";
import { purchasesCore } from "../../support/purchases-core.ts";

describe("the purchases API", () => {
  let dir: string;
  let issuer: LocalIssuer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "roster-purchases-api-"));
    issuer = await LocalIssuer.open(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function app() {
    const core = purchasesCore(new Date().toISOString());
    const api = createPurchasesApp({
      purchases: core.deps,
      logger: testLogger("purchases-api-test"),
      principals: issuer.principalResolver(core.clock),
      health: [],
    });
    return { ...core, api };
  }
  const bearer = async (id: string) => ({
    authorization: `Bearer ${await issuer.issue({ kind: "user", id })}`,
  });
  const post = (body: unknown, headers: Record<string, string> = {}) => ({
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

  it("answers 400 to a body that is not JSON and to a JWS that is not one, and records nothing", async () => {
    const { api, queue } = app();
    const notJson = await api.request("/apple/pubsub", post("{not json"));
    expect(notJson.status).toBe(400);
    const v1 = await api.request(
      "/apple/pubsub",
      post({ notification_type: "DID_RENEW", unified_receipt: {} }),
    );
    expect(v1.status).toBe(400);
    expect(JSON.stringify(await v1.json())).toContain("Version 2");
    expect(queue.entries).toHaveLength(0);
  });

  it("answers 401 to a Pub/Sub push without Google's token, whatever Roster token it carries", async () => {
    const { api } = app();
    const none = await api.request("/google/pubsub", post({ message: {} }));
    expect(none.status).toBe(401);
    const roster = await api.request("/google/pubsub", post({ message: {} }, await bearer("user-ada")));
    expect(roster.status).toBe(401);
  });

  it("links for the signed-in user only: a userId in the body is a 400, another user's list a 403", async () => {
    const { api } = app();
    const headers = await bearer("user-ada");
    const forOther = await api.request(
      "/apple/linkToSubscriptions",
      post(
        {
          platform: "ios",
          userId: "user-bob",
          subscriptions: [{ originalTransactionId: "2000000000000001" }],
        },
        headers,
      ),
    );
    expect(forOther.status).toBe(400);
    const linked = await api.request(
      "/apple/linkToSubscriptions",
      post({ platform: "ios", subscriptions: [{ originalTransactionId: "2000000000000001" }] }, headers),
    );
    expect(await linked.json()).toEqual({ linked: 1, alreadyLinked: 0 });
    const others = await api.request("/user/subscriptions/user-bob", { headers });
    expect(others.status).toBe(403);
    const token = await api.request("/user/purchase-token", { headers });
    expect(((await token.json()) as { accountToken: string }).accountToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves an OpenAPI document that passes Spectral's oas ruleset, its examples valid against their schemas", async () => {
    const { api } = app();
    const doc: Json = await (await api.request("/openapi.json")).json();

    const findings = await lintDocument(doc, "oas");
    expect(findings.filter((f) => f.severity === "error" || f.severity === "warning")).toEqual([]);
    expect(invalidOpenApiExamples(doc)).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/apple/pubsub", "/google/pubsub", "/user/access/{userId}"]),
    );
  });

  it("serves the AsyncAPI document of its queues without a token, passing Spectral's asyncapi ruleset", async () => {
    const { api } = app();
    const res = await api.request("/purchases/asyncapi.json");
    const doc: Json = await res.json();

    expect(res.status).toBe(200);
    const findings = await lintDocument(doc, "asyncapi");
    expect(findings.filter((f) => f.severity === "error" || f.severity === "warning")).toEqual([]);
    const examples = invalidAsyncApiExamples(doc);
    expect(examples.checked).toBeGreaterThanOrEqual(3);
    expect(examples.invalid).toEqual([]);
  });
});
