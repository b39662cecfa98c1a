import { beforeEach, describe, expect, it } from "vitest";
import { transactionsSandboxTable } from "../../../src/users/adapters/sandbox/transactions-service.sandbox.ts";
import { buildTestServices, TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import type { JsonResponse } from "../../support/json.ts";

type Services = Awaited<ReturnType<typeof buildTestServices>>;

const ADA = "auth0|ada";
const start = { provider: "plaid_idv", redirect_uri: "roster://kyc/done" };

describe("KYC sessions over HTTP: POST and GET /{user_id}/kyc/sessions", () => {
  let s: Services;
  let ada: string;
  let service: string;
  const call = async (
    path: string,
    init: { method?: string; token?: string; body?: unknown } = {},
  ): Promise<JsonResponse> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    return s.app.request(path, {
      method: init.method ?? "GET",
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  };
  const sessionsOf = (userId: string) => `/${encodeURIComponent(userId)}/kyc/sessions`;
  const signUp = async (userId: string) => {
    const token = await s.token({ kind: "user", id: userId, mfa: true });
    const res = await call("/users/create", {
      method: "POST",
      token,
      body: { user_email: `${userId.replace("|", ".")}@example.com` },
    });
    expect(res.status).toBe(201);
    return token;
  };
  const sandboxItems = async (userId: string) =>
    (await s.store.query(transactionsSandboxTable, { partition: `KYC#${userId}` })).items;

  beforeEach(async () => {
    s = await buildTestServices();
    ada = await signUp(ADA);
    service = await s.token({ kind: "service", id: "onboarding" });
  });

  it("starts a session for the user and lists it back", async () => {
    const res = await call(sessionsOf(ADA), { method: "POST", token: ada, body: start });
    expect(res.status).toBe(201);
    const session = await res.json();
    expect(session).toEqual({
      kyc_session_id: "kyc-1",
      user_id: ADA,
      provider: "plaid_idv",
      status: "CREATED",
      session_url: "https://kyc-sandbox.invalid/plaid_idv/kyc-1",
      redirect_uri: "roster://kyc/done",
      created_at: TEST_NOW,
      expires_at: "2026-11-22T10:30:00.000Z",
    });
    const list = await call(sessionsOf(ADA), { token: ada });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ items: [session] });
  });

  it("lets a service and an operator start and list a user's sessions", async () => {
    const operator = await s.token({ kind: "operator", id: "mx-kim" });
    for (const token of [service, operator]) {
      const res = await call(sessionsOf(ADA), {
        method: "POST",
        token,
        body: { ...start, provider: "persona" },
      });
      expect(res.status).toBe(201);
      expect((await call(sessionsOf(ADA), { token })).status).toBe(200);
    }
    expect((await (await call(sessionsOf(ADA), { token: ada })).json()).items).toHaveLength(2);
  });

  it("answers 400 naming each bad field, and starts nothing", async () => {
    const res = await call(sessionsOf(ADA), {
      method: "POST",
      token: ada,
      body: { provider: "acme-kyc", redirect_uri: "http://app.example/done", extra: true },
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "body",
      "provider",
      "redirect_uri",
    ]);
    expect(problem.errors.find((e: { path: string }) => e.path === "redirect_uri").message).toMatch(/https/);
    for (const redirect_uri of ["javascript:alert(1)", "not a url", ""]) {
      const bad = await call(sessionsOf(ADA), {
        method: "POST",
        token: ada,
        body: { ...start, redirect_uri },
      });
      expect(bad.status).toBe(400);
    }
    const missing = await call(sessionsOf(ADA), { method: "POST", token: ada, body: {} });
    expect((await missing.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "provider",
      "redirect_uri",
    ]);
    expect(await sandboxItems(ADA)).toEqual([]);
  });

  it("answers 403 to another user on both routes, and 401 without a token", async () => {
    const eve = await signUp("auth0|eve");
    const post = await call(sessionsOf(ADA), { method: "POST", token: eve, body: start });
    expect(post.status).toBe(403);
    expect((await post.json()).detail).toBe("a user may act only on their own records");
    expect((await call(sessionsOf(ADA), { token: eve })).status).toBe(403);
    expect((await call(sessionsOf(ADA), { method: "POST", body: start })).status).toBe(401);
    expect(await sandboxItems(ADA)).toEqual([]);
  });

  it("answers 404 for a user who does not exist", async () => {
    const post = await call(sessionsOf("auth0|nobody"), { method: "POST", token: service, body: start });
    expect(post.status).toBe(404);
    expect((await post.json()).detail).toBe("there is no user auth0|nobody");
    expect((await call(sessionsOf("auth0|nobody"), { token: service })).status).toBe(404);
    expect(await sandboxItems("auth0|nobody")).toEqual([]);
  });

  it("pages through sessions newest first with limit and cursor", async () => {
    const started: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(sessionsOf(ADA), { method: "POST", token: ada, body: start });
      started.push((await res.json()).kyc_session_id);
      s.clock.advance(1_000);
    }
    const pages: { items: { kyc_session_id: string }[]; next_cursor?: string }[] = [];
    let query = "?limit=2";
    for (;;) {
      const res = await call(`${sessionsOf(ADA)}${query}`, { token: ada });
      expect(res.status).toBe(200);
      const page = await res.json();
      pages.push(page);
      if (!page.next_cursor) break;
      query = `?limit=2&cursor=${encodeURIComponent(page.next_cursor)}`;
    }
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.items.map((i) => i.kyc_session_id))).toEqual(started.reverse());
    expect(pages[2]).not.toHaveProperty("next_cursor");
  });

  it("answers 400 for a cursor it did not issue and for a limit out of range", async () => {
    const cursor = await call(`${sessionsOf(ADA)}?cursor=bm90LWEtY3Vyc29y`, { token: ada });
    expect(cursor.status).toBe(400);
    expect((await cursor.json()).errors).toEqual([{ path: "query.cursor", message: expect.any(String) }]);
    for (const limit of ["0", "101", "ten"]) {
      const res = await call(`${sessionsOf(ADA)}?limit=${limit}`, { token: ada });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].path).toMatch(/limit/);
    }
  });

  it("answers 503 or 502 when the Transactions Service fails, with nothing started", async () => {
    for (const [userId, status] of [
      ["auth0|kyc-down-1", 503],
      ["auth0|kyc-fail-1", 502],
    ] as const) {
      const token = await signUp(userId);
      const post = await call(sessionsOf(userId), { method: "POST", token, body: start });
      expect(post.status).toBe(status);
      expect(post.headers.get("content-type")).toBe("application/problem+json");
      expect((await post.json()).detail).toMatch(/^the Transactions Service (is unavailable|failed)/);
      expect((await call(sessionsOf(userId), { token })).status).toBe(status);
      expect(await sandboxItems(userId)).toEqual([]);
    }
  });
});
