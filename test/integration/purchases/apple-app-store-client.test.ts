import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { AppStoreServerClient } from "../../../src/purchases/adapters/apple/app-store-server.client.ts";
import { AppStoreSandbox } from "../../../src/purchases/adapters/sandbox/app-store.sandbox.ts";
import { MemoryAppStoreSandboxState } from "../../../src/purchases/adapters/sandbox/app-store-sandbox.state.ts";
import { AppStoreServerLoopback } from "../../../src/purchases/adapters/sandbox/app-store-server.loopback.ts";
import { AppleJwsSigner } from "../../../src/purchases/adapters/sandbox/apple-jws.signer.ts";
import { createAppleTestChain } from "../../../src/purchases/adapters/sandbox/apple-test-chain.ts";
import { StoreApiError } from "../../../src/purchases/domain/store-api.errors.ts";

const START = new Date("2026-06-01T12:00:00Z");
const DAY = 86_400_000;
const MONTH = 30 * DAY;
const BUNDLE = "com.roster.app";
const APP = { bundleId: BUNDLE, environment: "sandbox" } as const;
const KEY = { keyId: "ROSTERKEY1", issuerId: "57246542-96fe-1a63-e053-0824d011072a" };

/**
 * The App Store Server API client on Apple's library against the sandbox's loopback App Store: what the
 * CLI does to a subscription is what a fetch reads, every signed item verified with the test root.
 */
describe("the App Store Server API client", () => {
  const clock = new ManualClock(START);
  const state = new MemoryAppStoreSandboxState();
  const apiKey = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const signingKey = apiKey.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  let sandbox: AppStoreSandbox;
  let loopback: AppStoreServerLoopback;
  let client: AppStoreServerClient;
  let clientFor: (key: string) => AppStoreServerClient;
  beforeAll(async () => {
    const chain = await createAppleTestChain({ now: START });
    const signer = new AppleJwsSigner(chain);
    sandbox = new AppStoreSandbox({ state, signer });
    loopback = await AppStoreServerLoopback.start({
      state,
      signer,
      clock,
      ...KEY,
      publicKey: apiKey.publicKey,
      historyPageSize: 2,
    });
    clientFor = (key) =>
      new AppStoreServerClient({
        ...KEY,
        signingKey: key,
        baseUrl: loopback.origin,
        rootCertificates: [chain.rootDer],
        apps: [{ bundleId: BUNDLE }],
        environments: ["sandbox"],
        onlineChecks: false,
      });
    client = clientFor(signingKey);
  });
  afterAll(async () => loopback.close());

  const buy = (appAccountToken?: string) =>
    sandbox.buy({
      bundleId: BUNDLE,
      productId: "roster.premium.monthly",
      environment: "sandbox",
      periodMs: MONTH,
      now: clock.now(),
      ...(appAccountToken ? { appAccountToken } : {}),
    });
  const read = (originalTransactionId: string) => client.subscription({ ...APP, originalTransactionId });

  it("reads a new purchase as active and renewing, with its account token", async () => {
    const { originalTransactionId } = await buy("0d7e4a8c-1b2f-4c3d-9e8f-7a6b5c4d3e2f");

    const subscription = await read(originalTransactionId as string);

    expect(subscription).toMatchObject({
      platform: "apple",
      storeId: originalTransactionId,
      app: BUNDLE,
      environment: "sandbox",
      productId: "roster.premium.monthly",
      state: "ACTIVE",
      startAt: START,
      expiresAt: new Date(START.getTime() + MONTH),
      autoRenew: true,
      freeTrial: false,
      ownership: "PURCHASED",
      accountToken: "0d7e4a8c-1b2f-4c3d-9e8f-7a6b5c4d3e2f",
      signedAt: clock.now(),
    });
  });

  it("reads a renewal's new expiry", async () => {
    const id = (await buy()).originalTransactionId as string;
    await sandbox.renew(id, new Date(START.getTime() + MONTH));

    const subscription = await read(id);

    expect(subscription).toMatchObject({ state: "ACTIVE", expiresAt: new Date(START.getTime() + 2 * MONTH) });
  });

  it("reads a refund as revoked", async () => {
    const id = (await buy()).originalTransactionId as string;
    const refundedAt = new Date(START.getTime() + 3 * DAY);
    await sandbox.refund(id, refundedAt);

    const subscription = await read(id);

    expect(subscription).toMatchObject({ state: "REVOKED", canceledAt: refundedAt, autoRenew: false });
  });

  it("reads a failed renewal with a grace period, and its end", async () => {
    const id = (await buy()).originalTransactionId as string;
    await sandbox.failRenewal(id, new Date(START.getTime() + MONTH), { grace: true });

    const subscription = await read(id);

    expect(subscription).toMatchObject({
      state: "GRACE_PERIOD",
      graceExpiresAt: new Date(START.getTime() + MONTH + 16 * DAY),
    });
  });

  it("reads renewal turned off as active to its end, cancelled", async () => {
    const id = (await buy()).originalTransactionId as string;
    await sandbox.setAutoRenew(id, false, new Date(START.getTime() + DAY));

    const subscription = await read(id);

    expect(subscription).toMatchObject({ state: "ACTIVE", autoRenew: false, canceledAt: clock.now() });
  });

  it("picks the asked entry of a family: the purchaser's and the family member's", async () => {
    const purchaser = (await buy()).originalTransactionId as string;
    const member = (await sandbox.shareWithFamily(purchaser, START)).originalTransactionId as string;

    const [theirs, shared] = await Promise.all([read(purchaser), read(member)]);

    expect(theirs).toMatchObject({ storeId: purchaser, ownership: "PURCHASED" });
    expect(shared).toMatchObject({ storeId: member, ownership: "FAMILY_SHARED", state: "ACTIVE" });
  });

  it("answers an id the App Store does not know with a terminal error", async () => {
    const error = await read("2000000999999999").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StoreApiError);
    expect(error).toMatchObject({ retryable: false, status: 404 });
    expect((error as StoreApiError).reason).toMatch(/TRANSACTION_ID_NOT_FOUND/);
  });

  it.each([503, 429])("answers a %i with a retryable error, and reads on the next try", async (status) => {
    const id = (await buy()).originalTransactionId as string;
    loopback.failNext(status, 1);

    const error = await read(id).catch((e: unknown) => e);
    const next = await read(id);

    expect(error).toMatchObject({ retryable: true, status });
    expect(next.state).toBe("ACTIVE");
  });

  it("is refused without a bearer token of the configured key, and says so without the key", async () => {
    const id = (await buy()).originalTransactionId as string;
    const otherKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const stranger = clientFor(otherKey.export({ type: "pkcs8", format: "pem" }) as string);

    const error = await stranger.subscription({ ...APP, originalTransactionId: id }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 401 });
    expect((error as Error).message).toMatch(/bearer token/);
    expect((error as Error).message).not.toContain("PRIVATE KEY");
  });

  it("lists the notifications Apple failed to deliver in a window, every page (of 2)", async () => {
    const from = new Date(START.getTime() + 100 * DAY);
    clock.set(from);
    const sent = [];
    for (let n = 0; n < 6; n++) sent.push(await buy());
    for (const notice of [sent[0], sent[2], sent[3], sent[5]])
      await sandbox.markUndelivered((notice as { notificationUUID: string }).notificationUUID);
    clock.set(new Date(from.getTime() + DAY));
    const later = await buy();
    await sandbox.markUndelivered(later.notificationUUID);

    const failed = await client.failedNotifications(APP, from, new Date(from.getTime() + 1000));

    expect(failed).toEqual([sent[0], sent[2], sent[3], sent[5]].map((n) => n?.body.signedPayload));
  });
});
