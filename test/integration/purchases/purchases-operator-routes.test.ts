import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import type { PrincipalKind } from "../../../src/platform/identity/principal.ts";
import { StoreApiError } from "../../../src/purchases/domain/store-api.errors.ts";
import type { StoreSubscription } from "../../../src/purchases/domain/store-subscription.ts";
import { fetchSubscription } from "../../../src/purchases/use-cases/fetch/fetch-subscription.use-case.ts";
import type { Json } from "../../support/json.ts";
import { appleState, purchasesApiAt } from "../../support/purchases-core.ts";

const APPLE_ID = "2000000000000001";
const GOOGLE_TOKEN = "gtoken.AO-J1Oy_sandbox-42";
const ADA = "auth0|ada-iap";
const BO = "auth0|bo-iap";

const googleState = (overrides: Partial<StoreSubscription> = {}) =>
  appleState({
    platform: "google",
    storeId: GOOGLE_TOKEN,
    app: "dev.roster.android",
    environment: "production",
    productId: "dev.roster.premium",
    ...overrides,
  });

/**
 * The operator console's two routes of the Purchases Service, through its app: who holds a store
 * subscription, and a revalidation now. The stores are faked at their ports (the state each would
 * answer); the states reach Roster by the fetch worker's own step, linked by the account token.
 */
describe("the purchases API's operator routes", () => {
  let dir: string;
  let issuer: LocalIssuer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "roster-purchases-operator-"));
    issuer = await LocalIssuer.open(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function setUp() {
    const core = purchasesApiAt(issuer, "2026-12-01T12:00:00.000Z", "purchases-operator-test");
    const { api } = core;
    const call = async (
      path: string,
      as: { kind: PrincipalKind; id: string } = { kind: "operator", id: "mx-kim" },
      init: RequestInit = {},
    ) => {
      const token = await issuer.issue({ ...as, mfa: true }, core.clock.now());
      const headers = { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) };
      const response = await api.request(path, { ...init, headers });
      return { status: response.status, body: (await response.json()) as Json };
    };
    const revalidate = (user: string, id: string, as?: { kind: PrincipalKind; id: string }) =>
      call(`/user/subscriptions/${encodeURIComponent(user)}/${encodeURIComponent(id)}/revalidate`, as, {
        method: "POST",
      });
    return { ...core, call, revalidate };
  }

  it("answers who holds an App Store subscription, with its state as the user's list shows it", async () => {
    const { bought, call } = await setUp();
    await bought(ADA, appleState());

    const owners = await call(`/user/owners/${APPLE_ID}`);
    const list = await call(`/user/subscriptions/${encodeURIComponent(ADA)}`);

    expect(owners.status).toBe(200);
    expect(owners.body).toEqual({
      subscription_id: APPLE_ID,
      store: "apple",
      user_ids: [ADA],
      state: list.body.subscriptions[0],
    });
    expect(owners.body.state).toMatchObject({ subscriptionId: APPLE_ID, state: "ACTIVE", access: true });
  });

  it("answers who holds a Google Play subscription by its purchase token, bare or as Roster's id", async () => {
    const { bought, call } = await setUp();
    await bought(BO, googleState());
    const linked = await call(
      "/google/linkToSubscriptions",
      { kind: "user", id: ADA },
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          platform: "android",
          subscriptions: [{ purchaseToken: GOOGLE_TOKEN, subscriptionId: "dev.roster.premium" }],
        }),
      },
    );
    expect(linked.body).toEqual({ linked: 1, alreadyLinked: 0 });

    const bare = await call(`/user/owners/${GOOGLE_TOKEN}`, { kind: "service", id: "console" });
    const stored = await call(`/user/owners/google:${GOOGLE_TOKEN}`);

    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({
      subscription_id: GOOGLE_TOKEN,
      store: "google",
      user_ids: [ADA, BO],
      state: { subscriptionId: GOOGLE_TOKEN, platform: "google", state: "ACTIVE", access: true },
    });
    expect(stored.body).toEqual(bare.body);
  });

  it("answers 404 to an unknown id and to a subscription nobody holds; 400 to an id that is none", async () => {
    const { call, stores, deps } = await setUp();
    stores.set(appleState({ storeId: "2000000000000999" }));
    await fetchSubscription(deps, {
      platform: "apple",
      app: "dev.roster.app",
      environment: "sandbox",
      storeId: "2000000000000999",
      reason: "notification",
      requestId: "unlinked",
    });

    const unknown = await call("/user/owners/2000000000000404");
    const unheld = await call("/user/owners/2000000000000999");
    const junk = await call(`/user/owners/${encodeURIComponent("not a token!")}`);

    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, detail: expect.stringMatching(/no user holds/) });
    expect(unheld.status).toBe(404);
    expect(junk.status).toBe(400);
  });

  it("refuses a user's token on both routes with 403, even for the user's own subscription", async () => {
    const { bought, call, revalidate, stores } = await setUp();
    await bought(ADA, appleState());
    stores.calls.length = 0;

    const owners = await call(`/user/owners/${APPLE_ID}`, { kind: "user", id: ADA });
    const again = await revalidate(ADA, APPLE_ID, { kind: "user", id: ADA });

    expect(owners.status).toBe(403);
    expect(owners.body.detail).toMatch(/a user may not look up who holds a store subscription/);
    expect(again.status).toBe(403);
    expect(stores.calls).toEqual([]);
  });

  it("revalidates: picks up what the store changed since, answers the new state, and a repeat the same", async () => {
    const { bought, call, revalidate, stores, deps, clock } = await setUp();
    await bought(ADA, appleState());
    // The store expired it; no notification came.
    clock.advance(31 * 24 * 3600 * 1000);
    stores.set(
      appleState({
        state: "EXPIRED",
        autoRenew: false,
        canceledAt: new Date("2026-12-31T00:00:00Z"),
        signedAt: new Date("2027-01-01T12:00:05Z"),
      }),
    );

    const first = await revalidate(ADA, APPLE_ID);
    const version = (await deps.purchases.get(`apple:${APPLE_ID}`))?.version;
    const repeat = await revalidate(ADA, APPLE_ID, { kind: "service", id: "console" });
    const list = await call(`/user/subscriptions/${encodeURIComponent(ADA)}`);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      subscriptionId: APPLE_ID,
      platform: "apple",
      state: "EXPIRED",
      access: false,
      autoRenewing: false,
      cancellationTimestamp: "2026-12-31T00:00:00.000Z",
    });
    expect(repeat).toEqual(first);
    expect(list.body.subscriptions).toEqual([first.body]);
    expect((await deps.purchases.get(`apple:${APPLE_ID}`))?.version).toBe(version);
  });

  it("revalidates a Google subscription by its store's renewal, and keeps nothing older by the store's time", async () => {
    const { bought, revalidate, stores } = await setUp();
    await bought(ADA, googleState());
    stores.set(
      googleState({
        expiresAt: new Date("2027-02-01T12:00:00Z"),
        signedAt: new Date("2026-12-02T00:00:00Z"),
      }),
    );

    const renewed = await revalidate(ADA, GOOGLE_TOKEN);
    stores.set(googleState({ state: "EXPIRED", signedAt: new Date("2026-12-01T18:00:00Z") }));
    const stale = await revalidate(ADA, `google:${GOOGLE_TOKEN}`);

    expect(renewed.body).toMatchObject({
      subscriptionId: GOOGLE_TOKEN,
      to: "2027-02-01T12:00:00.000Z",
      state: "ACTIVE",
    });
    expect(stale).toEqual(renewed);
  });

  it("answers 404 to a revalidation of a subscription the user does not hold, asking no store", async () => {
    const { bought, revalidate, stores } = await setUp();
    await bought(BO, appleState());
    stores.calls.length = 0;

    const others = await revalidate(ADA, APPLE_ID);
    const unknown = await revalidate(ADA, "2000000000000404");

    expect(others.status).toBe(404);
    expect(others.body.detail).toMatch(/holds no such subscription/);
    expect(unknown.status).toBe(404);
    expect(stores.calls).toEqual([]);
  });

  it("answers 503 when the store cannot be reached, and 404 naming why when it no longer knows it", async () => {
    const { bought, revalidate, stores, deps, call } = await setUp();
    await bought(ADA, googleState());
    const before = await deps.purchases.get(`google:${GOOGLE_TOKEN}`);

    stores.set(new StoreApiError("Play answered 503", { retryable: true, status: 503 }), GOOGLE_TOKEN);
    const down = await revalidate(ADA, GOOGLE_TOKEN);
    stores.set(
      new StoreApiError("the purchase token is gone", { retryable: false, status: 410 }),
      GOOGLE_TOKEN,
    );
    const gone = await revalidate(ADA, GOOGLE_TOKEN);

    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 503,
      detail: expect.stringMatching(/Google Play cannot be reached/),
    });
    expect(gone.status).toBe(404);
    expect(gone.body.detail).toMatch(/purchase token is gone/);
    expect(await deps.purchases.get(`google:${GOOGLE_TOKEN}`)).toEqual(before);
    expect((await call(`/user/owners/${GOOGLE_TOKEN}`)).body.state).toMatchObject({ state: "ACTIVE" });
  });

  it("documents both routes with their callers and refusals", async () => {
    const { api } = await setUp();
    const doc: Json = await (await api.request("/openapi.json")).json();

    const owners = doc.paths["/user/owners/{subscriptionId}"].get;
    const revalidation = doc.paths["/user/subscriptions/{userId}/{subscriptionId}/revalidate"].post;
    expect(owners["x-roster-principals"]).toEqual(["service", "operator"]);
    expect(Object.keys(owners.responses)).toEqual(["200", "400", "401", "403", "404"]);
    expect(revalidation["x-roster-principals"]).toEqual(["operator", "service"]);
    expect(Object.keys(revalidation.responses)).toEqual(["200", "400", "401", "403", "404", "503"]);
  });
});
