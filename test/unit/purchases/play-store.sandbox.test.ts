import { describe, expect, it } from "vitest";
import { sequentialIds } from "../../../src/platform/time/id-generator.port.ts";
import { decodePubSubPush } from "../../../src/purchases/adapters/google/developer-notification.decoder.ts";
import { PlayStoreSandbox } from "../../../src/purchases/adapters/sandbox/play-store.sandbox.ts";
import { MemoryPlayStoreState } from "../../../src/purchases/adapters/sandbox/play-store-sandbox.state.ts";

const PACKAGE = "dev.roster.app";
const now = new Date("2026-12-01T12:00:00Z");

function sandbox() {
  const state = new MemoryPlayStoreState();
  return { state, play: new PlayStoreSandbox({ state, ids: sequentialIds("p") }) };
}

describe("the local Google Play", () => {
  it("answers each operation with the push Pub/Sub would send, with a new message id each time", async () => {
    const { play } = sandbox();
    const { token, push } = await play.buy({
      packageName: PACKAGE,
      productId: "premium",
      periodMs: 1000,
      now,
    });
    const renewed = await play.renew(token, now);

    const decoded = [push, renewed.push].map((p) => decodePubSubPush(p, { packageNames: [PACKAGE] }));

    expect(decoded.map((d) => [d.type, d.storeId, d.sentAt])).toEqual([
      ["SUBSCRIPTION_PURCHASED", token, now],
      ["SUBSCRIPTION_RENEWED", token, now],
    ]);
    expect(decoded[0]?.notificationId).not.toBe(decoded[1]?.notificationId);
    expect(push.subscription).toMatch(/^projects\/.+\/subscriptions\/.+/);
  });

  it("keeps every purchase as a plain JSON record in its state", async () => {
    const { play, state } = sandbox();
    const { token } = await play.buy({
      packageName: PACKAGE,
      productId: "premium",
      periodMs: 1000,
      now,
      accountToken: "a",
    });

    const [stored] = await state.list();

    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    expect(stored).toMatchObject({
      token,
      state: "ACTIVE",
      obfuscatedExternalAccountId: "a",
      acknowledged: false,
    });
  });

  it("refuses an operation its purchase's state does not allow, naming the state", async () => {
    const { play } = sandbox();
    const { token } = await play.buy({ packageName: PACKAGE, productId: "premium", periodMs: 1000, now });
    await play.expire(token, now);

    await expect(play.pause(token, now)).rejects.toThrow("pause is not possible from EXPIRED");
    await expect(play.renew("unknown", now)).rejects.toThrow(/no purchase/);
  });

  it("sends Play Console's test notification, recorded and not fetched", () => {
    const { play } = sandbox();

    expect(decodePubSubPush(play.testNotification(PACKAGE, now), { packageNames: [PACKAGE] })).toMatchObject({
      type: "TEST_NOTIFICATION",
      outcome: "record",
    });
  });
});
