import { beforeEach, describe, expect, it } from "vitest";
import type { TableStore } from "../../../src/platform/store/table-store.port.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { StoreExportReader } from "../../../src/purchases/adapters/dynamodb/export.reader.ts";
import { REVALIDATION_RUN_MS, REVALIDATION_SLOTS } from "../../../src/purchases/domain/revalidation.ts";
import type { StoreSubscription } from "../../../src/purchases/domain/store-subscription.ts";
import { fetchSubscription } from "../../../src/purchases/use-cases/fetch/fetch-subscription.use-case.ts";
import { issueAccountToken } from "../../../src/purchases/use-cases/links/issue-account-token.use-case.ts";
import { linkSubscriptions } from "../../../src/purchases/use-cases/links/link-subscriptions.use-case.ts";
import { receiveNotification } from "../../../src/purchases/use-cases/notifications/receive-notification.use-case.ts";
import { revalidate } from "../../../src/purchases/use-cases/schedules/revalidate.use-case.ts";
import { appleState, purchasesCoreOn } from "../../support/purchases-core.ts";

const START = "2026-12-01T12:00:00.000Z";

const state = (storeId: string, overrides: Partial<StoreSubscription> = {}) =>
  appleState({ storeId, expiresAt: new Date("2026-12-20T12:00:00Z"), ...overrides });

const fetchOf = (storeId: string, requestId = `req-${storeId}`) => ({
  platform: "apple" as const,
  app: "dev.roster.app",
  environment: "sandbox" as const,
  storeId,
  reason: "notification" as const,
  requestId,
});

/**
 * The Purchases Service's four tables as its use cases use them, on any table store: the embedded one
 * and DynamoDB Local run the same suite, so keys, conditions, transactions, indexes, TTL and scans mean
 * the same on both.
 */
export function purchasesStoreSuite(adapter: string, storeOf: (clock: ManualClock) => Promise<TableStore>) {
  describe(`the purchases tables on ${adapter}`, () => {
    let core: ReturnType<typeof purchasesCoreOn>;
    beforeEach(async () => {
      const clock = new ManualClock(START);
      core = purchasesCoreOn(await storeOf(clock), clock);
    });

    it("records a notification once (the marker's condition in the event's transaction)", async () => {
      const notification = {
        platform: "apple" as const,
        notificationId: "6f1c2a9e-3b7d-4e8a-9c0f-5d2e1b4a7c3e",
        type: "DID_RENEW",
        app: "dev.roster.app",
        environment: "sandbox" as const,
        sentAt: new Date(START),
        storeId: "2000000000000001",
        outcome: "fetch" as const,
      };
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push((await receiveNotification(core.deps, notification)).recorded);

      expect(answers).toEqual([true, false, false]);
      expect((await core.deps.notifications.listFor("apple:2000000000000001")).map((n) => n.type)).toEqual([
        "DID_RENEW",
      ]);
    });

    it("keeps the newest state by the store's time, versioned, whatever order the fetches come in", async () => {
      core.stores.set(
        state("2000000000000002", { signedAt: new Date("2026-12-02T00:00:00Z"), autoRenew: false }),
      );
      await fetchSubscription(core.deps, fetchOf("2000000000000002"));
      core.stores.set(state("2000000000000002", { signedAt: new Date("2026-12-01T00:00:00Z") }));

      const stale = await fetchSubscription(core.deps, fetchOf("2000000000000002", "req-stale"));

      expect(stale).toEqual({ outcome: "unchanged", subscriptionId: "apple:2000000000000002" });
      expect(await core.deps.purchases.get("apple:2000000000000002")).toMatchObject({
        autoRenew: false,
        version: 1,
      });
    });

    it("links once, finds the users of a subscription through its index, and issues one token per user", async () => {
      const first = await linkSubscriptions(core.deps, "user-1", "apple", {
        platform: "ios",
        storeIds: ["3", "3", "4"],
      });
      const again = await linkSubscriptions(core.deps, "user-1", "apple", {
        platform: "ios",
        storeIds: ["3"],
      });
      await linkSubscriptions(core.deps, "user-2", "apple", { platform: "ios", storeIds: ["3"] });
      const { accountToken: token } = await issueAccountToken(core.deps, "user-1");

      expect([first, again]).toEqual([
        { linked: 2, alreadyLinked: 0 },
        { linked: 0, alreadyLinked: 1 },
      ]);
      expect((await core.deps.links.usersOf("apple:3")).map((l) => l.userId).sort()).toEqual([
        "user-1",
        "user-2",
      ]);
      expect((await issueAccountToken(core.deps, "user-1")).accountToken).toEqual(token);
      expect(await core.deps.tokens.userOf(token)).toBe("user-1");
    });

    it("revalidates from the expiry index day by day, never seeing an expired item", async () => {
      for (let i = 0; i < 30; i++) {
        const id = `40000000000${String(i).padStart(5, "0")}`;
        core.stores.set(state(id, { expiresAt: new Date(Date.parse(START) - i * 86_400_000) }));
        await fetchSubscription(core.deps, fetchOf(id));
      }
      core.queue.entries.length = 0;

      for (let run = 0; run < REVALIDATION_SLOTS; run++) {
        core.clock.set(new Date(Date.parse(START) + run * REVALIDATION_RUN_MS));
        await revalidate(core.deps);
      }

      expect(new Set(core.queue.bodies().map((b) => b.storeId)).size).toBe(30);
      expect(core.queue.bodies()).toHaveLength(30);
    });

    it("reads every subscription and link for the export, a page at a time", async () => {
      for (let i = 0; i < 12; i++) {
        const id = `50000000000${String(i).padStart(5, "0")}`;
        core.stores.set(state(id));
        await fetchSubscription(core.deps, fetchOf(id));
        await linkSubscriptions(core.deps, `user-${i % 3}`, "apple", { platform: "ios", storeIds: [id] });
      }
      const reader = new StoreExportReader(core.store);
      const count = async (dataset: "subscriptions" | "user-subscriptions") => {
        let n = 0;
        for await (const page of reader.pages(dataset, "2026-12-01")) n += page.length;
        return n;
      };

      expect(await count("subscriptions")).toBe(12);
      expect(await count("user-subscriptions")).toBe(12);
    });
  });
}
