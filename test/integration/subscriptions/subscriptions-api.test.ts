import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CatalogSubscription,
  SubscriptionStatusAnswer,
} from "../../../src/contracts/subscriptions/catalog.http.ts";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

const NOW = "2026-11-22T09:30:00.000Z";
const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };
const base = (userId: string) => `/subscriptions/users/${encodeURIComponent(userId)}/subscription`;
const TABLES = [
  "plans",
  "subscriptions",
  "billing_cycles",
  "pauses",
  "pending_changes",
  "subscription_changes",
  "idempotency_keys",
  "outbox",
] as const;

describe("the Subscription Service's API", () => {
  const subs = useSubscriptionService();
  let clock: ManualClock;
  let issuer: LocalIssuer;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-issuer-")));
    subs.build({ clock, issuer });
  });
  // Every record a test made goes out on the contract's schemas (the stream's and the bus's).
  afterEach(() => subs.expectRecordsOnContract());

  const activate = async (userId: string) => {
    await subs.payments.attachCard(userId, "pm_card_visa_debit");
    const res = await subs.call(base(userId), { body: PLUS, key: `activate:${userId}` });
    expect(res.status).toBe(201);
    return res.body as { subscription_id: string };
  };
  const rows = async () => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows: r } = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)}`.execute(subs.sql());
      counts[table] = r[0]?.n ?? 0;
    }
    return counts;
  };
  const userToken = (id: string) => issuer.issue({ kind: "user", id }, clock.now());
  const subscribe = (fields: Record<string, unknown> = {}) => ({
    userId: "auth0|new",
    planId: "plus:v1:MONTHLY",
    paymentMethod: "DebitCard",
    timestamp: NOW,
    ...fields,
  });

  describe("bad input is a 4xx naming the field, and nothing is written", () => {
    const refused = async (
      call: () => Promise<{ status: number; body: unknown }>,
      status: number,
      field?: string,
    ) => {
      const before = await rows();
      const res = await call();
      expect(res.status).toBe(status);
      if (field) {
        const paths = ((res.body as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);
        expect(paths.join(" ")).toContain(field);
      }
      expect(await rows()).toEqual(before);
    };

    beforeEach(async () => {
      await activate("auth0|owner");
    });

    it("SubscribeUser: an unknown planId, a startDate in the past, an unknown paymentMethod, an unknown field", async () => {
      await refused(
        () => subs.call("/subscriptions", { body: subscribe({ planId: "gold:v9:MONTHLY" }) }),
        400,
        "planId",
      );
      const past = new Date(clock.now().getTime() - 6 * 60 * 1000).toISOString();
      await refused(
        () => subs.call("/subscriptions", { body: subscribe({ startDate: past }) }),
        400,
        "startDate",
      );
      await refused(
        () => subs.call("/subscriptions", { body: subscribe({ paymentMethod: "Cheque" }) }),
        400,
        "paymentMethod",
      );
      await refused(() => subs.call("/subscriptions", { body: subscribe({ coupon: "FREE" }) }), 400);
    });

    it("CancelSubscription of someone else's subscription is 404, as if it did not exist", async () => {
      const owned = await subs.call("/subscriptions/auth0%7Cowner/status");
      expect(owned.status).toBe(200);
      const { subscription_id: ownerSubscription } = await subs
        .sql()
        .selectFrom("subscriptions")
        .select("subscription_id")
        .executeTakeFirstOrThrow();
      await refused(
        () =>
          subs.call(`/subscriptions/${ownerSubscription}/cancel`, {
            body: {
              subscriptionId: ownerSubscription,
              userId: "auth0|other",
              cancelImmediately: true,
              timestamp: NOW,
            },
          }),
        404,
      );
      await refused(
        () =>
          subs.call(`/subscriptions/${ownerSubscription}/cancel`, {
            body: { subscriptionId: ownerSubscription, userId: "auth0|owner", timestamp: NOW, refund: true },
          }),
        400,
      );
    });

    it("the membership routes: no Idempotency-Key, an unknown field", async () => {
      await refused(() => subs.call(base("auth0|fresh"), { body: PLUS }), 400, "idempotency-key");
      await refused(
        () =>
          subs.call(`${base("auth0|owner")}/pause`, {
            body: { months: 1, first_skipped_payment: "2026-12-22" },
          }),
        400,
        "idempotency-key",
      );
      await refused(
        () => subs.call(base("auth0|fresh"), { body: { ...PLUS, discount: 10 }, key: "activate:fresh" }),
        400,
      );
    });
  });

  describe("the membership routes", () => {
    it("answer a repeated key with the first result, and refuse the same key with another body", async () => {
      await subs.payments.attachCard("auth0|rep", "pm_card_visa_debit");
      const first = await subs.call(base("auth0|rep"), { body: PLUS, key: "activate-1" });
      const again = await subs.call(base("auth0|rep"), { body: PLUS, key: "activate-1" });
      expect(first.status).toBe(201);
      expect(again).toEqual(first);
      const other = await subs.call(base("auth0|rep"), {
        body: { ...PLUS, price_cents: 1999 },
        key: "activate-1",
      });
      expect(other.status).toBe(409);
      const live = await subs.sql().selectFrom("subscriptions").select("subscription_id").execute();
      expect(live).toHaveLength(1);
    });

    it("make one subscription of ten requests at once with one key, each answered the first result", async () => {
      await subs.payments.attachCard("auth0|burst", "pm_card_visa_debit");
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          subs.call(base("auth0|burst"), { body: PLUS, key: "activate-burst" }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      for (const answer of answers) expect(answer.body).toEqual(answers[0]?.body);
      const live = await subs.sql().selectFrom("subscriptions").select("subscription_id").execute();
      expect(live).toHaveLength(1);
      await subs.tick();
      expect(await subs.payments.charges("auth0|burst")).toHaveLength(1);
    });

    it("answer 404 NO_SUBSCRIPTION for the current period of a user who never subscribed", async () => {
      const res = await subs.call(`${base("auth0|nobody")}/current-period`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: "NO_SUBSCRIPTION" });
    });

    it("refuse a user's token (403); a user reads their own status but not another's", async () => {
      await activate("auth0|me");
      await activate("auth0|you");
      const token = await userToken("auth0|me");
      expect((await subs.call(`${base("auth0|me")}/current-period`, { token })).status).toBe(403);
      expect(
        (
          await subs.call(`${base("auth0|me")}/pause`, {
            body: { months: 1, first_skipped_payment: "2026-12-22" },
            key: "p",
            token,
          })
        ).status,
      ).toBe(403);
      const mine = await subs.call("/subscriptions/auth0%7Cme/status", { token });
      expect(mine.status).toBe(200);
      expect(Object.keys(mine.body).sort()).toEqual(Object.keys(SubscriptionStatusAnswer.shape).sort());
      SubscriptionStatusAnswer.parse(mine.body);
      expect((await subs.call("/subscriptions/auth0%7Cyou/status", { token })).status).toBe(403);
    });

    it("resume with a charge restarts the period now, already paid: the next renewal is one term later", async () => {
      await activate("auth0|back");
      await subs.tick();
      await subs.call(`${base("auth0|back")}/pause`, {
        body: { months: 2, first_skipped_payment: "2026-12-22" },
        key: "pause-1",
      });
      await subs.advanceDays(40); // December skipped
      const resumedAt = clock.now().toISOString();
      const resumed = await subs.call(`${base("auth0|back")}/resume`, {
        body: { charge: { confirmation_id: "ch_user_service_1", amount_cents: 999 } },
        key: "resume-1",
      });
      expect(resumed.status).toBe(200);
      expect(resumed.body).toMatchObject({ status: "ACTIVE", period: { start: resumedAt } });
      const before = (await subs.payments.charges("auth0|back")).length;
      await subs.tick();
      expect(await subs.payments.charges("auth0|back")).toHaveLength(before);
      await subs.advanceDays(30);
      expect(await subs.payments.charges("auth0|back")).toHaveLength(before);
      await subs.advanceDays(1);
      expect(await subs.payments.charges("auth0|back")).toHaveLength(before + 1);
      expect(subs.updates("auth0|back")).toContain("pause-resume");
    });
  });

  describe("the catalogue's routes", () => {
    it("subscribe a user acting for themself once per key, answer the status, and cancel now", async () => {
      await activate("auth0|planter");
      const token = await userToken("auth0|cat");
      const command = subscribe({ userId: "auth0|cat" });
      const first = await subs.call("/subscriptions", { body: command, key: "sub-1", token });
      const again = await subs.call("/subscriptions", { body: command, key: "sub-1", token });
      expect(first.status).toBe(201);
      expect(again).toEqual(first);
      const subscription = CatalogSubscription.parse(first.body);
      expect(subscription).toMatchObject({
        userId: "auth0|cat",
        planId: "plus:v1:MONTHLY",
        billingCycle: "monthly",
      });

      const cancelled = await subs.call(`/subscriptions/${subscription.subscriptionId}/cancel`, {
        body: {
          subscriptionId: subscription.subscriptionId,
          userId: "auth0|cat",
          cancelImmediately: true,
          timestamp: NOW,
        },
        token,
      });
      expect(cancelled.status).toBe(200);
      expect(CatalogSubscription.parse(cancelled.body).status).toBe("CANCELLED");
      const status = await subs.call("/subscriptions/auth0%7Ccat/status", { token });
      expect(SubscriptionStatusAnswer.parse(status.body).subscriptionStatus).toBe("canceled");
      await subs.tick();
      expect(
        subs
          .current()
          .published.filter((e) => e.detailType.startsWith("UserSubscription"))
          .map((e) => e.detailType),
      ).toEqual(["UserSubscriptionStarted", "UserSubscriptionStarted", "UserSubscriptionCancelled"]);
    });

    it("answer 404 for a user who never subscribed and for a subscription that does not exist", async () => {
      expect((await subs.call("/subscriptions/auth0%7Cnobody/status")).status).toBe(404);
      const missing = await subs.call("/subscriptions/sub_missing/cancel", {
        body: { subscriptionId: "sub_missing", userId: "auth0|nobody", timestamp: NOW },
      });
      expect(missing.status).toBe(404);
    });

    it("refuse a user subscribing someone else, and write nothing", async () => {
      await activate("auth0|planter");
      const before = await rows();
      const res = await subs.call("/subscriptions", {
        body: subscribe({ userId: "auth0|victim" }),
        token: await userToken("auth0|mallory"),
      });
      // A 400 naming userId ("must be your own user id"), as the use case has it.
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ errors: [{ path: "userId" }] });
      expect(await rows()).toEqual(before);
    });
  });
});
