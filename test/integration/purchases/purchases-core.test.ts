import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/platform/errors/app.errors.ts";
import { StoreApiError } from "../../../src/purchases/domain/store-api.errors.ts";
import type { StoreSubscription } from "../../../src/purchases/domain/store-subscription.ts";
import { fetchSubscription } from "../../../src/purchases/use-cases/fetch/fetch-subscription.use-case.ts";
import { issueAccountToken } from "../../../src/purchases/use-cases/links/issue-account-token.use-case.ts";
import { linkSubscriptions } from "../../../src/purchases/use-cases/links/link-subscriptions.use-case.ts";
import { receiveAppleNotification } from "../../../src/purchases/use-cases/notifications/receive-apple-notification.use-case.ts";
import { accessOfUser } from "../../../src/purchases/use-cases/status/user-subscriptions.query.ts";
import { appleState, purchasesCore } from "../../support/purchases-core.ts";

const day = 24 * 3600 * 1000;

const signed = (n: Record<string, unknown>) => ({
  signedPayload: JSON.stringify({
    platform: "apple",
    app: "dev.roster.app",
    environment: "sandbox",
    storeId: "2000000000000001",
    outcome: "fetch",
    sentAt: "2026-12-01T12:00:02Z",
    ...n,
  }),
});

describe("the purchases core on the embedded table store", () => {
  it("records a notification delivered six times once and queues one fetch", async () => {
    const { deps, queue } = purchasesCore();
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(
        await receiveAppleNotification(deps, signed({ notificationId: "n-1", type: "DID_RENEW" })),
      );
    expect(answers.map((a) => a.recorded)).toEqual([true, false, false, false, false, false]);
    expect(queue.entries).toHaveLength(1);
    expect(await deps.notifications.listFor("apple:2000000000000001")).toHaveLength(1);
  });

  it("refuses a V1 body and a body without signedPayload with a 400, recording nothing", async () => {
    const { deps, queue } = purchasesCore();
    await expect(receiveAppleNotification(deps, { notification_type: "DID_RENEW" })).rejects.toThrow(/V1/);
    await expect(receiveAppleNotification(deps, { other: 1 })).rejects.toBeInstanceOf(ValidationError);
    expect(queue.entries).toHaveLength(0);
    expect(await deps.notifications.listFor("apple:2000000000000001")).toHaveLength(0);
  });

  it("keeps the newest state by the store's signed date: a reversed order changes nothing", async () => {
    const { deps, stores } = purchasesCore();
    const request = {
      platform: "apple" as const,
      app: "dev.roster.app",
      environment: "sandbox" as const,
      storeId: "2000000000000001",
      reason: "notification" as const,
      requestId: "r-1",
    };
    stores.set(appleState({ state: "REVOKED", signedAt: new Date("2026-12-05T00:00:00Z") }));
    expect((await fetchSubscription(deps, request)).outcome).toBe("stored");
    // A slower answer, signed earlier, arrives after the refund's.
    stores.set(appleState({ state: "ACTIVE", signedAt: new Date("2026-12-04T00:00:00Z") }));
    expect((await fetchSubscription(deps, { ...request, requestId: "r-2" })).outcome).toBe("unchanged");
    expect((await deps.purchases.get("apple:2000000000000001"))?.state).toBe("REVOKED");
  });

  it("keeps the first time renewal was seen off: later fetches of a cancelled subscription change nothing", async () => {
    const { deps, stores } = purchasesCore();
    const request = {
      platform: "apple" as const,
      app: "dev.roster.app",
      environment: "sandbox" as const,
      storeId: "2000000000000001",
      reason: "revalidation" as const,
    };
    // Apple dates a cancellation by its renewal info's signedDate, which moves to each fetch's time.
    const offAt = (at: string) =>
      appleState({ autoRenew: false, canceledAt: new Date(at), signedAt: new Date(at) });
    stores.set(offAt("2026-12-02T00:00:00Z"));
    await fetchSubscription(deps, { ...request, requestId: "r-1" });
    stores.set(offAt("2026-12-03T00:00:00Z"));
    await fetchSubscription(deps, { ...request, requestId: "r-2" });
    expect((await deps.purchases.get("apple:2000000000000001"))?.canceledAt).toEqual(
      new Date("2026-12-02T00:00:00Z"),
    );
    // A refund's own date replaces it.
    stores.set(appleState({ ...offAt("2026-12-04T00:00:00Z"), state: "REVOKED" }));
    await fetchSubscription(deps, { ...request, requestId: "r-3" });
    expect(await deps.purchases.get("apple:2000000000000001")).toMatchObject({
      state: "REVOKED",
      canceledAt: new Date("2026-12-04T00:00:00Z"),
    });
  });

  it("records a terminal store failure and gives up; a retryable one throws for the queue to retry", async () => {
    const { deps, stores } = purchasesCore();
    const request = {
      platform: "google" as const,
      app: "dev.roster.android",
      environment: "production" as const,
      storeId: "gone-token",
      reason: "notification" as const,
      requestId: "r-1",
    };
    stores.set(
      new StoreApiError("the purchase token is gone", { retryable: false, status: 410 }),
      "gone-token",
    );
    expect(await fetchSubscription(deps, request)).toMatchObject({ outcome: "gave-up" });
    const events = await deps.notifications.listFor("google:gone-token");
    expect(events.map((e) => [e.type, e.note])).toEqual([["FETCH_FAILED", "the purchase token is gone"]]);
    stores.set(new StoreApiError("Play answered 503", { retryable: true, status: 503 }), "gone-token");
    await expect(fetchSubscription(deps, { ...request, requestId: "r-2" })).rejects.toBeInstanceOf(
      StoreApiError,
    );
  });

  it("links itself by the account token, carries links along an upgrade chain, and acknowledges", async () => {
    const { deps, stores } = purchasesCore();
    const { accountToken } = await issueAccountToken(deps, "user-ada");
    expect((await issueAccountToken(deps, "user-ada")).accountToken).toBe(accountToken);
    const google = (storeId: string, extra: Partial<StoreSubscription>) =>
      appleState({
        platform: "google",
        storeId,
        app: "dev.roster.android",
        environment: "production",
        ...extra,
      });
    stores.set(google("token-a", { accountToken, needsAcknowledgement: true }));
    const request = {
      platform: "google" as const,
      app: "dev.roster.android",
      environment: "production" as const,
      reason: "notification" as const,
    };
    await fetchSubscription(deps, { ...request, storeId: "token-a", requestId: "r-1" });
    stores.set(google("token-b", { linkedPurchaseToken: "token-a", productId: "premium.yearly" }));
    await fetchSubscription(deps, { ...request, storeId: "token-b", requestId: "r-2" });

    expect(stores.acknowledged).toEqual(["token-a"]);
    const access = await accessOfUser(deps, "user-ada");
    expect(access.access).toBe(true);
    expect(access.subscriptions.map((s) => [s.subscriptionId, s.access])).toEqual(
      expect.arrayContaining([
        ["google:token-a", false],
        ["google:token-b", true],
      ]),
    );
  });

  it("links more than ten items in batches of ten, folding duplicates", async () => {
    const { deps, queue } = purchasesCore();
    const ids = Array.from({ length: 23 }, (_, i) => `${2000000000000100 + i}`);
    const result = await linkSubscriptions(deps, "user-ada", "apple", {
      platform: "ios",
      storeIds: [...ids, ids[0] as string],
    });
    expect(result).toEqual({ linked: 23, alreadyLinked: 0 });
    expect(queue.batches).toEqual([10, 10, 3]);
    expect(
      await linkSubscriptions(deps, "user-ada", "apple", { platform: "ios", storeIds: [ids[1] as string] }),
    ).toEqual({
      linked: 0,
      alreadyLinked: 1,
    });
    await expect(
      linkSubscriptions(deps, "user-ada", "apple", { platform: "tvos", storeIds: ids }),
    ).rejects.toThrow(/platform|tvos/);
  });

  it("answers access by the state judged now: an active state past its expiry gives none", async () => {
    const { deps, stores, clock } = purchasesCore();
    stores.set(appleState({ autoRenew: false }));
    await linkSubscriptions(deps, "user-ada", "apple", { platform: "ios", storeIds: ["2000000000000001"] });
    await fetchSubscription(deps, {
      platform: "apple",
      app: "dev.roster.app",
      environment: "production",
      storeId: "2000000000000001",
      reason: "link",
      requestId: "r-1",
    });
    expect((await accessOfUser(deps, "user-ada")).access).toBe(true);
    clock.advance(40 * day);
    const later = await accessOfUser(deps, "user-ada");
    expect(later.access).toBe(false);
    expect(later.subscriptions[0]?.state).toBe("EXPIRED");
  });
});
