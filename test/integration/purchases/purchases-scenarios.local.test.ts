import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomIds } from "../../../src/platform/time/id-generator.port.ts";
import { NotificationLogRepository } from "../../../src/purchases/adapters/dynamodb/notification-log.repository.ts";
import { PurchaseStoreRepository } from "../../../src/purchases/adapters/dynamodb/purchase-store.repository.ts";
import type { GoogleOidcIssuerSandbox } from "../../../src/purchases/adapters/sandbox/google-oidc-issuer.sandbox.ts";
import { purchasesModule } from "../../../src/purchases/purchases.module.ts";
import { LOCAL_PUSH } from "../../../src/purchases/wiring/local/local-apps.ts";
import {
  appleCommand,
  type CommandContext,
  type CommandOptions,
  googleCommand,
} from "../../../src/purchases/wiring/local/store-commands.local.ts";
import {
  openPushIssuer,
  openStoreSandboxes,
  type StoreSandboxes,
} from "../../../src/purchases/wiring/local/store-sandboxes.local.ts";
import { usersModule } from "../../../src/users/users.module.ts";
import type { Json } from "../../support/json.ts";
import { useLocalRuntime } from "../../support/local-runtime.ts";
import { settled } from "../../support/polling.ts";

const WAIT_MS = 15_000;
const MONTH_MS = 30 * 86_400_000;

/**
 * The Purchases service as `npm start` runs it, beside the User Service: the stores played by the same
 * sandboxes `npm run purchases` drives, their notifications signed with the data folder's test chain
 * and push key, verified by Apple's and Google's own code, acknowledged, and fetched by the fetch worker
 * from the loopback store APIs through the vendors' clients. Each test waits for the workers by polling.
 */
describe("purchases scenarios on the local runtime", () => {
  const local = useLocalRuntime("purchases-scenarios", [usersModule, purchasesModule]);
  let sandboxes: StoreSandboxes;
  let pushIssuer: GoogleOidcIssuerSandbox;
  let context: CommandContext;
  const options = (more: Partial<CommandOptions> = {}): CommandOptions => ({ periodMs: MONTH_MS, ...more });
  const apple = (command: string, args: string[] = [], more: Partial<CommandOptions> = {}) =>
    appleCommand(context, command, args, options(more));
  const google = (command: string, args: string[] = [], more: Partial<CommandOptions> = {}) =>
    googleCommand(context, command, args, options(more));
  const platform = () => local.runtime().platform;
  const purchases = () => new PurchaseStoreRepository(platform().store);
  const events = (subscriptionId: string) =>
    new NotificationLogRepository(platform().store).listFor(subscriptionId);
  const call = async (path: string, init: RequestInit & { user?: string; operator?: boolean } = {}) => {
    const principal = init.operator
      ? ({ kind: "operator", id: "mx-kim" } as const)
      : ({ kind: "user", id: init.user ?? "auth0|nobody", mfa: true } as const);
    const token = await platform().issuer.issue(principal, platform().clock.now());
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const response = await local.runtime().app.request(path, { ...init, headers });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const accessOf = (user: string) => call(`/user/access/${encodeURIComponent(user)}`, { user });
  const stored = (subscriptionId: string, done: (p: Json) => boolean = () => true) =>
    settled(
      async () => ((await purchases().get(subscriptionId)) ?? {}) as Json,
      (p) => p.subscriptionId !== undefined && done(p),
      WAIT_MS,
    );
  const pushGoogle = async (body: unknown) => {
    const bearer = await pushIssuer.signPushToken(LOCAL_PUSH);
    const response = await local.runtime().app.request("/google/pubsub", {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const pushApple = async (body: unknown) => {
    const response = await local.runtime().app.request("/apple/pubsub", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  beforeAll(async () => {
    const { store, clock, issuer } = platform();
    sandboxes = await openStoreSandboxes({ dataDir: local.dataDir, store, clock, ids: randomIds });
    pushIssuer = await openPushIssuer(local.dataDir);
    context = {
      sandboxes,
      pushIssuer,
      issuer,
      clock,
      server: "http://roster.local",
      send: (request) => Promise.resolve(local.runtime().app.fetch(request)),
    };
  });
  afterAll(async () => pushIssuer?.close());

  it("a purchase links itself by the account token, and the User Service records the soft opt-in", async () => {
    const user = "auth0|ada-iap";
    expect(
      (await call("/users/create", { method: "POST", user, body: '{"user_email":"ada@example.com"}' }))
        .status,
    ).toBe(201);

    const bought = await apple("buy", [], { user });

    expect(bought.pushed).toEqual({
      status: 200,
      answer: { received: true, recorded: true, fetchQueued: true },
    });
    const access = await settled(
      () => accessOf(user),
      (a) => a.body.access === true,
      WAIT_MS,
    );
    expect(access.body.subscriptions).toEqual([
      expect.objectContaining({ subscriptionId: `apple:${bought.id}`, state: "ACTIVE", access: true }),
    ]);
    const consents = await settled(
      () => call(`/${encodeURIComponent(user)}/consents`, { user }),
      (c) => (c.body.items ?? []).length > 0,
      WAIT_MS,
    );
    expect(consents.body.items).toEqual([
      expect.objectContaining({ consent_key: "soft_opt_in_in_app_purchase", item_id: `apple:${bought.id}` }),
    ]);
  });

  it("records a notification delivered six times once", async () => {
    const notice = await sandboxes.appStore.buy({
      bundleId: "dev.roster.app",
      productId: "dev.roster.premium.monthly",
      environment: "sandbox",
      periodMs: MONTH_MS,
      now: platform().clock.now(),
    });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await pushApple(notice.body)).body.recorded);

    expect(answers).toEqual([true, false, false, false, false, false]);
    await stored(`apple:${notice.originalTransactionId}`);
    expect((await events(`apple:${notice.originalTransactionId}`)).map((e) => e.type)).toEqual([
      "SUBSCRIBED.INITIAL_BUY",
    ]);
  });

  it("keeps a refund when the renewal before it arrives after it (reversed order)", async () => {
    const { id } = await apple("buy");
    const original = id as string;
    await stored(`apple:${original}`);
    const now = platform().clock.now();
    const renewal = await sandboxes.appStore.renew(original, now);
    const refund = await sandboxes.appStore.refund(original, new Date(now.getTime() + 1000));

    await pushApple(refund.body);
    await stored(`apple:${original}`, (p) => p.state === "REVOKED");
    await pushApple(renewal.body);
    await settled(
      async () => (await events(`apple:${original}`)).length,
      (n) => n === 3,
      WAIT_MS,
    );

    const after = await stored(`apple:${original}`);
    expect(after.state).toBe("REVOKED");
  });

  it("shares a subscription with a family member, owned by the family", async () => {
    const { id } = await apple("buy");
    await stored(`apple:${id}`);

    const shared = await apple("family", [id as string]);

    const member = await stored(`apple:${shared.id}`);
    expect(member).toMatchObject({ ownership: "FAMILY_SHARED", state: "ACTIVE" });
  });

  it("follows a Google upgrade chain: the user keeps one subscription with access, the links carried", async () => {
    const user = "auth0|bo-iap";
    const first = await google("buy", [], { user });
    await stored(`google:${first.id}`);
    const second = await google("upgrade", [first.id as string, "dev.roster.premium.plus"]);
    await stored(`google:${second.id}`);
    const third = await google("upgrade", [second.id as string, "dev.roster.premium.max"]);
    await stored(`google:${third.id}`);

    const access = await settled(
      () => accessOf(user),
      (a) =>
        (a.body.subscriptions ?? []).length === 3 &&
        a.body.subscriptions[0].productId === "dev.roster.premium.max",
      WAIT_MS,
    );
    expect(access.body.subscriptions.map((s: Json) => [s.productId, s.access])).toEqual([
      ["dev.roster.premium.max", true],
      ["dev.roster.premium.plus", false],
      ["dev.roster.premium", false],
    ]);
    expect(await purchases().get(`google:${first.id}`)).toMatchObject({ replacedBy: `google:${second.id}` });
  });

  it("revokes a refunded App Store purchase and a voided Google one: neither gives access", async () => {
    const user = "auth0|cy-iap";
    const a = await apple("buy", [], { user });
    const g = await google("buy", [], { user });
    await stored(`apple:${a.id}`);
    await stored(`google:${g.id}`);

    await apple("refund", [a.id as string]);
    await google("revoke", [g.id as string]);

    await stored(`apple:${a.id}`, (p) => p.state === "REVOKED");
    await stored(`google:${g.id}`, (p) => p.state === "REVOKED");
    const access = await accessOf(user);
    expect(access.body.access).toBe(false);
    expect(access.body.subscriptions.map((s: Json) => s.state).sort()).toEqual(["REVOKED", "REVOKED"]);
  });

  it("gives up on a purchase token that is gone (410), recording why, with nothing dead-lettered", async () => {
    const bought = await google("buy");
    const token = bought.id as string;
    await stored(`google:${token}`);
    await google("gone", [token]);

    const renewed = await sandboxes.playStore.renew(token, platform().clock.now()).catch(() => undefined);
    const push =
      renewed?.push ?? sandboxes.playStore.testNotification("dev.roster.android", platform().clock.now());
    expect((await pushGoogle(push)).status).toBe(200);

    const recorded = await settled(
      () => events(`google:${token}`),
      (list) => list.some((e) => e.type === "FETCH_FAILED"),
      WAIT_MS,
    );
    expect(recorded.find((e) => e.type === "FETCH_FAILED")?.note).toMatch(/gone/);
    const { channels } = platform();
    expect(channels.queues.list(channels.queueNames.fetch?.deadLetters as string)).toEqual([]);
  });

  it("answers a test notification and an unknown notification type 200, recording both", async () => {
    const test = await google("test");
    expect(test.pushed).toMatchObject({ status: 200, answer: { recorded: true, fetchQueued: false } });

    const bought = await google("buy");
    await stored(`google:${bought.id}`);
    const renewal = await sandboxes.playStore.renew(bought.id as string, platform().clock.now());
    const data = JSON.parse(Buffer.from(renewal.push.message.data, "base64").toString()) as Json;
    data.subscriptionNotification.notificationType = 99;
    const unknown = {
      ...renewal.push,
      message: { ...renewal.push.message, data: Buffer.from(JSON.stringify(data)).toString("base64") },
    };

    const answer = await pushGoogle(unknown);

    expect(answer).toEqual({ status: 200, body: { received: true, recorded: true, fetchQueued: true } });
    const list = await events(`google:${bought.id}`);
    expect(list.map((e) => e.type)).toContain("SUBSCRIPTION_UNKNOWN_99");
  });

  it("an operator finds who holds a purchase and revalidates it from the sandboxed stores", async () => {
    const user = "auth0|eve-iap";
    const a = await apple("buy", [], { user });
    const g = await google("buy", [], { user });
    const owners = (id: string) => call(`/user/owners/${encodeURIComponent(id)}`, { operator: true });
    const revalidate = (id: string) =>
      call(`/user/subscriptions/${encodeURIComponent(user)}/${encodeURIComponent(id)}/revalidate`, {
        method: "POST",
        operator: true,
      });
    const held = (id: string) =>
      settled(
        () => owners(id),
        (o) => o.status === 200 && o.body.state !== undefined,
        WAIT_MS,
      );

    expect((await held(a.id as string)).body).toMatchObject({
      subscription_id: a.id,
      store: "apple",
      user_ids: [user],
      state: { state: "ACTIVE", access: true },
    });
    const google0 = await held(g.id as string);
    expect(google0.body).toMatchObject({ subscription_id: g.id, store: "google", user_ids: [user] });

    // The stores change; no notification is pushed.
    const now = platform().clock.now();
    await sandboxes.appStore.expire(a.id as string, now);
    await sandboxes.playStore.renew(g.id as string, now);

    const expired = await revalidate(a.id as string);
    const renewed = await revalidate(g.id as string);
    const again = await revalidate(a.id as string);
    const list = await call(`/user/subscriptions/${encodeURIComponent(user)}`, { user });

    expect(expired).toMatchObject({
      status: 200,
      body: { subscriptionId: a.id, platform: "apple", state: "EXPIRED", access: false },
    });
    expect(renewed).toMatchObject({ status: 200, body: { subscriptionId: g.id, state: "ACTIVE" } });
    expect(Date.parse(renewed.body.to)).toBeGreaterThan(Date.parse(google0.body.state.to));
    expect(again).toEqual(expired);
    expect(list.body.subscriptions).toEqual(expect.arrayContaining([expired.body, renewed.body]));
    expect((await revalidate("2000000000000404")).status).toBe(404);
  });

  it("links more than ten items, duplicates folded, each fetched", async () => {
    const user = "auth0|dee-iap";
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const notice = await sandboxes.appStore.buy({
        bundleId: "dev.roster.app",
        productId: "dev.roster.premium.monthly",
        environment: "sandbox",
        periodMs: MONTH_MS,
        now: platform().clock.now(),
      });
      ids.push(notice.originalTransactionId as string);
    }
    const items = [...ids, ids[0], ids[1]].map((originalTransactionId) => ({ originalTransactionId }));

    const answer = await call("/apple/linkToSubscriptions", {
      method: "POST",
      user,
      body: JSON.stringify({ platform: "ios", subscriptions: items }),
    });

    expect(answer).toEqual({ status: 200, body: { linked: 12, alreadyLinked: 0 } });
    const access = await settled(
      () => accessOf(user),
      (a) => (a.body.subscriptions ?? []).filter((s: Json) => s.access).length === 12,
      WAIT_MS,
    );
    expect(access.body.subscriptions).toHaveLength(12);
  });
});
