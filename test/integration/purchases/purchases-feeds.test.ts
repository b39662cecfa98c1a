import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { FileObjectStore } from "../../../src/platform/adapters/embedded/file.object-store.ts";
import { StoreExportReader } from "../../../src/purchases/adapters/dynamodb/export.reader.ts";
import {
  subscriptionsTable,
  userSubscriptionsTable,
} from "../../../src/purchases/adapters/dynamodb/purchases.tables.ts";
import { NdjsonGzipWriter } from "../../../src/purchases/adapters/export/ndjson-gzip.writer.ts";
import { SandboxBraze } from "../../../src/purchases/adapters/sandbox/braze.sandbox.ts";
import { REVALIDATION_RUN_MS, REVALIDATION_SLOTS } from "../../../src/purchases/domain/revalidation.ts";
import { fetchSubscription } from "../../../src/purchases/use-cases/fetch/fetch-subscription.use-case.ts";
import { linkSubscriptions } from "../../../src/purchases/use-cases/links/link-subscriptions.use-case.ts";
import { exportDay } from "../../../src/purchases/use-cases/schedules/export-day.use-case.ts";
import { revalidate } from "../../../src/purchases/use-cases/schedules/revalidate.use-case.ts";
import { handleLinkChanges } from "../../../src/purchases/workers/link-changes.worker.ts";
import { handleSnapshotMessages } from "../../../src/purchases/workers/snapshot.worker.ts";
import { handleSubscriptionChanges } from "../../../src/purchases/workers/subscription-changes.worker.ts";
import { testLogger } from "../../support/log-capture.ts";
import { purchasesCore, appleState as state } from "../../support/purchases-core.ts";

const logger = testLogger("purchases-feeds");
const GOOGLE_TOKEN = `gtoken-${"x".repeat(140)}`;

/** The purchases core with cursors over the two change feeds, as the event source mappings read them. */
function feeds() {
  const core = purchasesCore();
  const read = (table: typeof subscriptionsTable | typeof userSubscriptionsTable) => {
    let after = 0;
    return () => {
      const records = core.store.changes.read(core.store.tableName(table), after);
      after = records.at(-1)?.sequence ?? after;
      return records;
    };
  };
  const subscriptionChanges = read(subscriptionsTable);
  const linkChanges = read(userSubscriptionsTable);
  const workerDeps = { ...core.optIns, snapshots: core.snapshots, logger };
  return {
    ...core,
    drainLinks: () => handleLinkChanges({ ...core.optIns, logger }, linkChanges()),
    drainSubscriptions: () => handleSubscriptionChanges(workerDeps, subscriptionChanges()),
    optInMessages: () => core.optInQueue.messages(),
  };
}

const fetchOf = (storeId: string, platform: "apple" | "google" = "apple") => ({
  platform,
  app: platform === "apple" ? "dev.roster.app" : "dev.roster.android",
  environment: "sandbox" as const,
  storeId,
  reason: "link" as const,
  requestId: `req-${storeId.slice(0, 8)}`,
});

describe("the purchases tables' change feeds", () => {
  it("sends one acquisition for a link made before the store's state arrived, when the state arrives", async () => {
    const f = feeds();
    f.stores.set(state());
    await linkSubscriptions(f.deps, "user-1", "apple", { platform: "ios", storeIds: ["2000000000000001"] });
    await f.drainLinks();
    expect(f.optInMessages()).toEqual([]);

    await fetchSubscription(f.deps, fetchOf("2000000000000001"));
    const answer = await f.drainSubscriptions();

    expect(answer.batchItemFailures).toEqual([]);
    expect(f.optInMessages()).toEqual([
      {
        message_id: "acquisition:apple:2000000000000001:user-1",
        event_type: "Acquisition",
        user_id: "user-1",
        subscription_id: "apple:2000000000000001",
        platform: "apple",
        product_name: "InAppPurchase",
        occurred_at: "2026-12-01T12:00:00.000Z",
      },
    ]);
  });

  it("sends the acquisition from the link when the state is already stored, and none for a link an upgrade carried over", async () => {
    const f = feeds();
    f.stores.set(state({ platform: "google", storeId: "old-token", app: "dev.roster.android" }));
    await fetchSubscription(f.deps, fetchOf("old-token", "google"));
    await f.drainSubscriptions();
    await linkSubscriptions(f.deps, "user-2", "google", { platform: "android", storeIds: ["old-token"] });
    await f.drainLinks();
    expect(f.optInMessages().map((m) => m.message_id)).toEqual(["acquisition:google:old-token:user-2"]);

    f.stores.set(
      state({
        platform: "google",
        storeId: "new-token",
        app: "dev.roster.android",
        linkedPurchaseToken: "old-token",
        signedAt: new Date("2026-12-05T00:00:00Z"),
      }),
    );
    await fetchSubscription(f.deps, fetchOf("new-token", "google"));
    await f.drainLinks();
    await f.drainSubscriptions();

    expect(await f.deps.links.linksOfUser("user-2")).toHaveLength(2);
    expect(f.optInMessages()).toHaveLength(1);
  });

  it("links a Braze app's purchase through Braze's identity and welcomes the new subscriber by campaign", async () => {
    const f = feeds();
    const braze = new SandboxBraze({ store: f.store, clock: f.clock });
    await braze.setIdentity("0d7e4a8c-1b2f-4c3d-9e8f-7a6b5c4d3e2f", "user-feast");
    const deps = { ...f.deps, braze };
    f.stores.set(state({ app: "dev.roster.feast", accountToken: "0d7e4a8c-1b2f-4c3d-9e8f-7a6b5c4d3e2f" }));

    await fetchSubscription(deps, { ...fetchOf("2000000000000001"), app: "dev.roster.feast" });
    const linkChanges = f.store.changes.read(f.store.tableName(userSubscriptionsTable));
    await handleLinkChanges({ ...f.optIns, braze, logger }, linkChanges);

    expect((await f.deps.links.linksOfUser("user-feast")).map((l) => l.source)).toEqual(["account-token"]);
    expect(f.optInMessages().map((m) => m.product_name)).toContain("FeastInAppPurchase");
    expect(await braze.welcomesOf("user-feast")).toEqual([
      expect.objectContaining({ campaignId: "feast-welcome", productName: "FeastInAppPurchase" }),
    ]);
  });

  it("severs every link of a subscription the TTL deleted, with a cancellation for each of its three users", async () => {
    const f = feeds();
    f.stores.set(state({ expiresAt: new Date("2027-01-01T12:00:00Z") }));
    await fetchSubscription(f.deps, fetchOf("2000000000000001"));
    for (const user of ["user-a", "user-b", "user-c"])
      await linkSubscriptions(f.deps, user, "apple", { platform: "ios", storeIds: ["2000000000000001"] });
    await f.drainSubscriptions();
    await f.drainLinks();
    f.optInQueue.bodies.length = 0;

    f.clock.set("2029-07-02T00:00:00Z");
    expect(f.store.sweepExpired([subscriptionsTable])).toBe(1);
    const answer = await f.drainSubscriptions();

    expect(answer.batchItemFailures).toEqual([]);
    const cancellations = f.optInMessages();
    expect(cancellations.map((m) => [m.event_type, m.user_id]).sort()).toEqual([
      ["Cancellation", "user-a"],
      ["Cancellation", "user-b"],
      ["Cancellation", "user-c"],
    ]);
    expect(new Set(cancellations.map((m) => m.occurred_at))).toEqual(new Set(["2029-07-01T12:00:00.000Z"]));
    for (const user of ["user-a", "user-b", "user-c"])
      expect(await f.deps.links.linksOfUser(user)).toEqual([]);
  });

  it("sends no cancellation when an operator (not the TTL) deletes a subscription, or for a replaced one", async () => {
    const f = feeds();
    f.stores.set(state());
    await fetchSubscription(f.deps, fetchOf("2000000000000001"));
    await linkSubscriptions(f.deps, "user-1", "apple", { platform: "ios", storeIds: ["2000000000000001"] });
    await f.drainSubscriptions();
    f.optInQueue.bodies.length = 0;

    await f.store.delete(subscriptionsTable, { subscriptionId: "apple:2000000000000001" });
    await f.drainSubscriptions();

    expect(f.optInMessages()).toEqual([]);
    expect(await f.deps.links.linksOfUser("user-1")).toHaveLength(1);
  });

  it("sends a historical snapshot of every version, archived once however often it is delivered", async () => {
    const f = feeds();
    const root = mkdtempSync(join(tmpdir(), "roster-snapshots-"));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const writer = new NdjsonGzipWriter(new FileObjectStore(root));
    f.stores.set(state({ platform: "google", storeId: GOOGLE_TOKEN, app: "dev.roster.android" }));
    await fetchSubscription(f.deps, fetchOf(GOOGLE_TOKEN, "google"));
    f.stores.set(
      state({
        platform: "google",
        storeId: GOOGLE_TOKEN,
        app: "dev.roster.android",
        autoRenew: false,
        signedAt: new Date("2026-12-02T00:00:00Z"),
      }),
    );
    f.clock.set("2026-12-02T00:00:01Z");
    await fetchSubscription(f.deps, { ...fetchOf(GOOGLE_TOKEN, "google"), requestId: "req-2" });
    await f.drainSubscriptions();
    const records = f.snapshotQueue.bodies.map((body, i) => ({
      messageId: `m-${i}`,
      body,
      attributes: { ApproximateReceiveCount: "1" },
    }));

    for (let delivery = 0; delivery < 2; delivery++) {
      const answer = await handleSnapshotMessages({ writer, logger }, records as never);
      expect(answer.batchItemFailures).toEqual([]);
    }

    const objects = new FileObjectStore(root);
    const { keys } = await objects.list("purchases/snapshots/", { limit: 100 });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^purchases\/snapshots\/date=2026-12-01\/google:sha256:[0-9a-f]{64}\/v000001/);
    const last = await objects.get(keys[1] as string);
    const text = gunzipSync(last?.body as Uint8Array).toString();
    expect(JSON.parse(text)).toMatchObject({ autoRenew: false, version: 2 });
    expect(text).not.toContain(GOOGLE_TOKEN);
  });
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("revalidation over the expiry index", () => {
  it("queues every renewing subscription in the window exactly once over 6 hours, in 24 slices", async () => {
    const f = feeds();
    const now = new Date("2027-01-01T00:00:00Z");
    const inWindow = Array.from({ length: 48 }, (_, i) => `30000000000${String(i).padStart(5, "0")}`);
    for (const [i, id] of inWindow.entries())
      f.stores.set(state({ storeId: id, expiresAt: new Date(now.getTime() + (i - 47) * 86_400_000) }));
    f.stores.set(state({ storeId: "not-renewing", autoRenew: false, expiresAt: now }));
    f.stores.set(state({ storeId: "long-gone", expiresAt: new Date("2026-09-01T00:00:00Z") }));
    f.stores.set(state({ storeId: "far-ahead", expiresAt: new Date("2027-01-02T00:00:00Z") }));
    for (const id of [...inWindow, "not-renewing", "long-gone", "far-ahead"])
      await fetchSubscription(f.deps, fetchOf(id));
    f.queue.entries.length = 0;

    const slots = new Set<number>();
    for (let run = 0; run < REVALIDATION_SLOTS; run++) {
      f.clock.set(new Date(now.getTime() + run * REVALIDATION_RUN_MS));
      slots.add((await revalidate(f.deps)).slot);
    }

    const queued = f.queue.bodies().map((body) => body.storeId);
    expect(slots.size).toBe(REVALIDATION_SLOTS);
    expect([...queued].sort()).toEqual([...inWindow].sort());
    expect(new Set(f.queue.bodies().map((body) => body.reason))).toEqual(new Set(["revalidation"]));
  });
});

describe("the daily export", () => {
  it("writes the tables and the day's notifications as gzipped NDJSON without tokens, once a day", async () => {
    const f = feeds();
    const root = mkdtempSync(join(tmpdir(), "roster-export-"));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const objects = new FileObjectStore(root);
    const deps = { reader: new StoreExportReader(f.store), writer: new NdjsonGzipWriter(objects) };
    f.stores.set(
      state({
        platform: "google",
        storeId: GOOGLE_TOKEN,
        app: "dev.roster.android",
        accountToken: "acct-secret",
      }),
    );
    await fetchSubscription(f.deps, fetchOf(GOOGLE_TOKEN, "google"));
    await linkSubscriptions(f.deps, "user-1", "google", { platform: "android", storeIds: [GOOGLE_TOKEN] });

    const first = await exportDay(deps, "2026-12-01", "run-1");
    const again = await exportDay(deps, "2026-12-01", "run-2");

    expect(first).toEqual({
      day: "2026-12-01",
      exported: true,
      records: { subscriptions: 1, "user-subscriptions": 1, "subscription-events": 0 },
    });
    expect(again.exported).toBe(false);
    const { keys } = await objects.list("purchases/exports/date=2026-12-01/", { limit: 100 });
    expect(keys).toEqual([
      "purchases/exports/date=2026-12-01/manifest.json.gz",
      "purchases/exports/date=2026-12-01/run=run-1/subscriptions/part-00000.ndjson.gz",
      "purchases/exports/date=2026-12-01/run=run-1/user-subscriptions/part-00000.ndjson.gz",
    ]);
    for (const key of keys) {
      const text = gunzipSync((await objects.get(key))?.body as Uint8Array).toString();
      expect(text).not.toContain(GOOGLE_TOKEN);
      expect(text).not.toContain("acct-secret");
    }
  });
});
