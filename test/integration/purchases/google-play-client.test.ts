import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { sequentialIds } from "../../../src/platform/time/id-generator.port.ts";
import { decodePubSubPush } from "../../../src/purchases/adapters/google/developer-notification.decoder.ts";
import { PlayDeveloperClient } from "../../../src/purchases/adapters/google/play-developer.client.ts";
import { PlayDeveloperApiLoopback } from "../../../src/purchases/adapters/sandbox/play-developer-api.loopback.ts";
import { PlayStoreSandbox } from "../../../src/purchases/adapters/sandbox/play-store.sandbox.ts";
import { MemoryPlayStoreState } from "../../../src/purchases/adapters/sandbox/play-store-sandbox.state.ts";
import { StoreApiError } from "../../../src/purchases/domain/store-api.errors.ts";
import { LoopbackServer } from "../../support/loopback-server.ts";

const PACKAGE = "dev.roster.app";
const ACCESS_TOKEN = "loopback-access-token";
const day = 24 * 3600_000;
const start = new Date("2026-12-01T12:00:00Z");

const state = new MemoryPlayStoreState();
const play = new PlayStoreSandbox({ state, ids: sequentialIds("play") });
const clock = new ManualClock(start);
let api: PlayDeveloperApiLoopback;
let client: PlayDeveloperClient;

beforeAll(async () => {
  api = await PlayDeveloperApiLoopback.start({ state, accessToken: ACCESS_TOKEN });
  client = new PlayDeveloperClient({
    credentials: { accessToken: ACCESS_TOKEN },
    rootUrl: api.origin,
    clock,
    retries: 0,
  });
});
afterAll(async () => {
  await api.close();
});

const buy = (accountToken?: string) =>
  play.buy({
    packageName: PACKAGE,
    productId: "premium",
    periodMs: 30 * day,
    now: start,
    ...(accountToken ? { accountToken } : {}),
  });
const fetch = (purchaseToken: string) => client.subscription({ packageName: PACKAGE, purchaseToken });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("it succeeded");
    },
    (error: unknown) => error as StoreApiError,
  );

describe("the Play Developer API client against the local Google Play", () => {
  it("reads a new test purchase: active, renewing, to acknowledge, with its account token", async () => {
    const { token, push } = await buy("acct-1");

    expect(decodePubSubPush(push, { packageNames: [PACKAGE] })).toMatchObject({
      type: "SUBSCRIPTION_PURCHASED",
      storeId: token,
      productId: "premium",
      outcome: "fetch",
    });
    expect(await fetch(token)).toEqual({
      platform: "google",
      storeId: token,
      app: PACKAGE,
      environment: "sandbox",
      productId: "premium",
      state: "ACTIVE",
      startAt: start,
      expiresAt: new Date(start.getTime() + 30 * day),
      autoRenew: true,
      freeTrial: false,
      ownership: "PURCHASED",
      accountToken: "acct-1",
      needsAcknowledgement: true,
      signedAt: clock.now(),
    });
  });

  it("follows a purchase through renewal, grace, hold, recovery, pause, cancellation and expiry", async () => {
    const { token } = await buy();
    const at = (days: number) => new Date(start.getTime() + days * day);
    const seen: [string, string, boolean][] = [];
    const step = async (act: Promise<{ push: unknown }>) => {
      const { push } = await act;
      const s = await fetch(token);
      seen.push([decodePubSubPush(push, { packageNames: [PACKAGE] }).type, s.state, s.autoRenew]);
      return s;
    };

    expect((await step(play.renew(token, at(30)))).expiresAt).toEqual(at(60));
    await step(play.enterGrace(token, at(60)));
    await step(play.hold(token, at(63)));
    expect((await step(play.renew(token, at(64)))).expiresAt).toEqual(at(94));
    await step(play.pause(token, at(70)));
    await step(play.renew(token, at(100)));
    clock.set(at(101));
    const canceled = await step(play.cancel(token, at(101)));
    await step(play.expire(token, at(102)));

    expect(seen).toEqual([
      ["SUBSCRIPTION_RENEWED", "ACTIVE", true],
      ["SUBSCRIPTION_IN_GRACE_PERIOD", "GRACE_PERIOD", true],
      ["SUBSCRIPTION_ON_HOLD", "BILLING_RETRY", true],
      ["SUBSCRIPTION_RECOVERED", "ACTIVE", true],
      ["SUBSCRIPTION_PAUSED", "PAUSED", true],
      ["SUBSCRIPTION_RENEWED", "ACTIVE", true],
      ["SUBSCRIPTION_CANCELED", "ACTIVE", false],
      ["SUBSCRIPTION_EXPIRED", "EXPIRED", false],
    ]);
    expect(canceled.canceledAt).toEqual(at(101));
    clock.set(start);
  });

  it("reads a revoked purchase as Play answers it, expired at once, from a voided purchase push", async () => {
    const { token } = await buy();
    const revokedAt = new Date(start.getTime() + 5 * day);

    const { push } = await play.revoke(token, revokedAt);

    expect(decodePubSubPush(push, { packageNames: [PACKAGE] })).toMatchObject({
      type: "VOIDED_PURCHASE",
      storeId: token,
      outcome: "fetch",
    });
    expect(await fetch(token)).toMatchObject({ state: "EXPIRED", expiresAt: revokedAt, autoRenew: false });
  });

  it("follows an upgrade chain: each new token links the one it replaces", async () => {
    const { token: first } = await buy("acct-2");
    const { token: second } = await play.upgrade(first, "premium.plus", new Date(start.getTime() + day));
    const { token: third } = await play.upgrade(second, "premium.max", new Date(start.getTime() + 2 * day));

    const [a, b, c] = await Promise.all([fetch(first), fetch(second), fetch(third)]);

    expect(a).toMatchObject({ state: "EXPIRED", autoRenew: false });
    expect(a.linkedPurchaseToken).toBeUndefined();
    expect(b).toMatchObject({ state: "EXPIRED", linkedPurchaseToken: first, productId: "premium.plus" });
    expect(c).toMatchObject({
      state: "ACTIVE",
      linkedPurchaseToken: second,
      productId: "premium.max",
      accountToken: "acct-2",
    });
  });

  it("acknowledges a purchase, and a second acknowledge succeeds too", async () => {
    const { token } = await buy();
    const ref = { packageName: PACKAGE, purchaseToken: token, productId: "premium" };

    await client.acknowledge(ref);
    await client.acknowledge(ref);

    expect((await fetch(token)).needsAcknowledgement).toBe(false);
  });

  it("gives up on a token that is gone (410) or unknown (404), never naming the token", async () => {
    const { token } = await buy();
    await play.gone(token);

    const gone = await failure(fetch(token));
    const unknown = await failure(fetch("never-issued-token"));

    expect(gone).toMatchObject({ retryable: false, status: 410, reason: expect.stringContaining("gone") });
    expect(unknown).toMatchObject({ retryable: false, status: 404 });
    expect(gone.message).not.toContain(token);
    expect(unknown.message).not.toContain("never-issued-token");
  });

  it("says a 503 or 429 may be retried, and retries in process when told to", async () => {
    const { token } = await buy();
    api.failNext(1, 503);
    const unavailable = await failure(fetch(token));
    api.failNext(1, 429);
    const throttled = await failure(fetch(token));
    const retrying = new PlayDeveloperClient({
      credentials: { accessToken: ACCESS_TOKEN },
      rootUrl: api.origin,
      clock,
      retries: 1,
    });
    api.failNext(1, 503);

    expect(unavailable).toMatchObject({ retryable: true, status: 503 });
    expect(throttled).toMatchObject({ retryable: true, status: 429 });
    expect((await retrying.subscription({ packageName: PACKAGE, purchaseToken: token })).state).toBe(
      "ACTIVE",
    );
  });

  it("refuses a wrong access token as a configuration problem, not to be retried", async () => {
    const { token } = await buy();
    const misconfigured = new PlayDeveloperClient({
      credentials: { accessToken: "wrong" },
      rootUrl: api.origin,
      clock,
      retries: 0,
    });

    const error = await failure(misconfigured.subscription({ packageName: PACKAGE, purchaseToken: token }));

    expect(error).toBeInstanceOf(StoreApiError);
    expect(error).toMatchObject({
      retryable: false,
      status: 401,
      reason: expect.stringContaining("service account"),
    });
  });

  it("says a network failure may be retried", async () => {
    const closed = await PlayDeveloperApiLoopback.start({ state, accessToken: ACCESS_TOKEN });
    const origin = closed.origin;
    await closed.close();
    const offline = new PlayDeveloperClient({
      credentials: { accessToken: ACCESS_TOKEN },
      rootUrl: origin,
      clock,
      retries: 0,
    });

    const error = await failure(offline.subscription({ packageName: PACKAGE, purchaseToken: "t" }));

    expect(error).toMatchObject({ retryable: true, status: undefined });
  });

  it("takes Google's 400 'already acknowledged' as done, and gives up on 400 Invalid Value without the token", async () => {
    const token = "token-that-google-repeats";
    const google = await LoopbackServer.start(async (request) => ({
      status: 400,
      body: {
        error: {
          code: 400,
          message: request.url.endsWith(":acknowledge")
            ? "The subscription purchase is already acknowledged."
            : `Invalid Value: ${token}`,
          errors: [{ message: "Invalid Value", domain: "global", reason: "invalid" }],
        },
      },
    }));
    const remote = new PlayDeveloperClient({
      credentials: { accessToken: ACCESS_TOKEN },
      rootUrl: `${google.origin}/`,
      clock,
      retries: 0,
    });
    try {
      await remote.acknowledge({ packageName: PACKAGE, purchaseToken: token, productId: "premium" });
      const invalid = await failure(remote.subscription({ packageName: PACKAGE, purchaseToken: token }));

      expect(invalid).toMatchObject({
        retryable: false,
        status: 400,
        reason: expect.stringContaining("Invalid Value"),
      });
      expect(invalid.message).not.toContain(token);
    } finally {
      await google.close();
    }
  });
});
