import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BILLING_HISTORY_CHANGES,
  BILLING_HISTORY_CYCLES,
  BillingHistoryAnswer,
  SubscriptionOwnerAnswer,
} from "../../../src/contracts/subscriptions/subscriptions.http.ts";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { invalidOpenApiExamples, lintDocument } from "../../support/document-lint.ts";
import type { Json } from "../../support/json.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

const NOW = "2026-11-22T09:30:00.000Z";
const DAY_MS = 24 * 60 * 60 * 1000;
const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };
const base = (userId: string) => `/subscriptions/users/${encodeURIComponent(userId)}/subscription`;
const billing = (userId: string) => `/subscriptions/users/${encodeURIComponent(userId)}/billing`;
const owner = (subscriptionId: string) =>
  `/subscriptions/owners?subscription_id=${encodeURIComponent(subscriptionId)}`;
const at = (days: number) => new Date(Date.parse(NOW) + days * DAY_MS).toISOString();

interface Attempt {
  attempt: number;
  at: string;
  outcome: string;
  confirmation_id?: string;
  decline_reason?: string;
}
interface Cycle {
  cycle_id: string;
  period_start: string;
  status: string;
  skipped_for_pause: boolean;
  attempts: Attempt[];
  amount_cents?: number;
  next_attempt_at?: string;
  recovery_ends_at?: string;
}
interface Story {
  subscription_id: string;
  status: string;
  cycles: Cycle[];
  changes: { at: string; change: string; actor: string; reason?: string }[];
  past_due_since?: string;
  cancelled_at?: string;
  cancellation_reason?: string;
}

describe("the operators' reads of the Subscription Service", () => {
  const subs = useSubscriptionService();
  let clock: ManualClock;
  let issuer: LocalIssuer;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-issuer-")));
    subs.build({ clock, issuer });
  });
  afterEach(() => subs.expectRecordsOnContract());

  const operatorToken = () => issuer.issue({ kind: "operator", id: "ops@roster.test" }, clock.now());
  const userToken = (id: string) => issuer.issue({ kind: "user", id }, clock.now());
  const activate = async (userId: string) => {
    await subs.payments.attachCard(userId, "pm_card_visa_debit");
    const res = await subs.call(base(userId), { body: PLUS, key: `activate:${userId}` });
    expect(res.status).toBe(201);
    return res.body as { subscription_id: string };
  };
  const story = async (userId: string) => {
    const res = await subs.call(billing(userId), { token: await operatorToken() });
    expect(res.status).toBe(200);
    return BillingHistoryAnswer.parse(res.body) as unknown as { user_id: string; subscriptions: Story[] };
  };

  it("tells a member's story: a paid cycle, one skipped for a pause, one declined then paid on the retry, newest first", async () => {
    const { subscription_id: id } = await activate("auth0|ada");
    await subs.tick();
    const paused = await subs.call(`${base("auth0|ada")}/pause`, {
      body: { months: 1, first_skipped_payment: "2026-12-22" },
      key: "pause-1",
    });
    expect(paused.status).toBe(200);
    await subs.advanceDays(30); // 2026-12-22: skipped for the pause
    await subs.payWith("auth0|ada", "pm_card_chargeDeclined");
    await subs.advanceDays(31); // 2027-01-22: the pause ends, the renewal is declined

    const declined = await story("auth0|ada");
    const [live] = declined.subscriptions;
    expect(live).toMatchObject({ subscription_id: id, status: "ACTIVE", past_due_since: at(61) });
    expect(live?.cycles[0]).toMatchObject({
      period_start: at(61),
      status: "RETRYING",
      amount_cents: 999,
      skipped_for_pause: false,
      attempts: [{ attempt: 1, at: at(61), outcome: "declined" }],
      next_attempt_at: at(62),
      recovery_ends_at: at(61 + 14),
    });
    const [declinedCharge] = (await subs.payments.charges("auth0|ada")).filter(
      (c) => c.status !== "CONFIRMED",
    );
    expect(live?.cycles[0]?.attempts[0]?.decline_reason).toBe(declinedCharge?.decline_reason);
    expect(live?.cycles[0]?.attempts[0]?.decline_reason).toBeTruthy();

    await subs.payWith("auth0|ada", "pm_card_visa_debit");
    await subs.advanceDays(1); // the +1 day retry is paid

    const { user_id, subscriptions } = await story("auth0|ada");
    expect(user_id).toBe("auth0|ada");
    expect(subscriptions).toHaveLength(1);
    const [s] = subscriptions as [Story];
    expect(s).toMatchObject({
      subscription_id: id,
      status: "ACTIVE",
      tier: "plus",
      tier_version: "v1",
      term: "MONTHLY",
      price_cents: 999,
      currency: "USD",
      fulfilment_channel: "DIGITAL",
      created_at: NOW,
      period: { start: at(61), end: "2027-02-22T09:30:00.000Z" },
    });
    expect(s.past_due_since).toBeUndefined();
    const confirmed = (await subs.payments.charges("auth0|ada"))
      .filter((c) => c.status === "CONFIRMED")
      .map((c) => c.confirmation_id);
    expect(confirmed).toHaveLength(2);
    expect(s.cycles.map((c) => [c.period_start, c.status, c.skipped_for_pause])).toEqual([
      ["2027-02-22T09:30:00.000Z", "SCHEDULED", false],
      [at(61), "PAID", false],
      [at(30), "SKIPPED_PAUSED", true],
      [NOW, "PAID", false],
    ]);
    const [next, retried, skipped, first] = s.cycles as [Cycle, Cycle, Cycle, Cycle];
    expect(next).toMatchObject({ attempts: [], next_attempt_at: "2027-02-22T09:30:00.000Z" });
    expect(next.recovery_ends_at).toBeUndefined();
    expect(retried.attempts).toEqual([
      {
        attempt: 1,
        at: at(61),
        outcome: "declined",
        decline_reason: declinedCharge?.decline_reason,
      },
      { attempt: 2, at: at(62), outcome: "paid", confirmation_id: confirmed[1] },
    ]);
    expect(retried.next_attempt_at).toBeUndefined();
    expect(retried.recovery_ends_at).toBeUndefined();
    expect(skipped).toMatchObject({ attempts: [] });
    expect(skipped.amount_cents).toBeUndefined();
    expect(first).toMatchObject({
      amount_cents: 999,
      attempts: [{ attempt: 1, at: NOW, outcome: "paid", confirmation_id: confirmed[0] }],
    });
    // The history, newest first: what the stream said, in the other order, each with its actor.
    expect(s.changes.map((c) => c.change)).toEqual([...subs.updates("auth0|ada")].reverse());
    expect(s.changes.map((c) => c.change)).toEqual([
      "renewed",
      "recovered",
      "payment-failed",
      "pause-resume",
      "pause-skipped",
      "pause-scheduled",
      "renewed",
      "activated",
    ]);
    expect(s.changes.at(-1)).toMatchObject({ at: NOW, actor: "service:test" });
    expect(s.changes[0]).toMatchObject({ at: at(62), actor: "system:billing" });
  });

  it("lists every subscription the user ever had, newest first, the ended one with when and why", async () => {
    const { subscription_id: first } = await activate("auth0|bo");
    await subs.tick();
    clock.advance(DAY_MS);
    const again = await subs.call(`${base("auth0|bo")}/reactivate`, { body: PLUS, key: "reactivate-1" });
    expect(again.status).toBe(200);
    const { subscription_id: second } = again.body as { subscription_id: string };

    const { subscriptions } = await story("auth0|bo");
    expect(subscriptions.map((s) => [s.subscription_id, s.status])).toEqual([
      [second, "ACTIVE"],
      [first, "CANCELLED"],
    ]);
    expect(subscriptions[1]).toMatchObject({ cancelled_at: at(1), cancellation_reason: "reactivated" });
    expect(subscriptions[1]?.cycles[0]?.status).toBe("VOID");
  });

  it(`answers at most ${BILLING_HISTORY_CYCLES} cycles and ${BILLING_HISTORY_CHANGES} changes per subscription, the newest`, async () => {
    await activate("auth0|cy");
    await subs.tick();
    // A clock moved 8.5 years ahead bills them in order in one run: 103 periods, 103 changes.
    clock.advance(3_105 * DAY_MS);
    await subs.tick();
    const [s] = (await story("auth0|cy")).subscriptions as [Story];
    expect(s.cycles).toHaveLength(BILLING_HISTORY_CYCLES);
    expect(s.changes).toHaveLength(BILLING_HISTORY_CHANGES);
    expect(s.cycles[0]?.status).toBe("SCHEDULED");
    const starts = s.cycles.map((c) => c.period_start);
    expect(starts).toEqual([...starts].sort().reverse());
    expect(s.changes.every((c) => c.change === "renewed")).toBe(true);
    const { cycles: all } = (await subs
      .sql()
      .selectFrom("billing_cycles")
      .select((eb) => eb.fn.countAll<number>().as("cycles"))
      .executeTakeFirstOrThrow()) as { cycles: number };
    expect(Number(all)).toBeGreaterThan(BILLING_HISTORY_CYCLES);
  });

  it("answers a user never billed 200 with no subscriptions, not 404", async () => {
    const res = await subs.call(billing("auth0|nobody"), { token: await operatorToken() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user_id: "auth0|nobody", subscriptions: [] });
  });

  it("finds whose subscription an id is; an unknown id is 404; no id is 400", async () => {
    const { subscription_id: id } = await activate("auth0|di");
    const found = await subs.call(owner(id), { token: await operatorToken() });
    expect(found.status).toBe(200);
    expect(SubscriptionOwnerAnswer.parse(found.body)).toEqual({
      subscription_id: id,
      user_id: "auth0|di",
      status: "ACTIVE",
    });
    const asService = await subs.call(owner(id));
    expect(asService.status).toBe(200);

    const unknown = await subs.call(owner("sub_unknown"), { token: await operatorToken() });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404 });
    const none = await subs.call("/subscriptions/owners", { token: await operatorToken() });
    expect(none.status).toBe(400);
    const bad = await subs.call(owner("sub 1"), { token: await operatorToken() });
    expect(bad.status).toBe(400);
  });

  it("refuses a user, even about themself (403), and a caller without credentials (401)", async () => {
    const { subscription_id: id } = await activate("auth0|ed");
    const token = await userToken("auth0|ed");
    expect((await subs.call(billing("auth0|ed"), { token })).status).toBe(403);
    expect((await subs.call(owner(id), { token })).status).toBe(403);
    const anonymous = await subs.current().app.request(billing("auth0|ed"));
    expect(anonymous.status).toBe(401);
  });

  it("leaves the routes beside them answering: status, current period, fulfilments, cancel", async () => {
    const { subscription_id: id } = await activate("auth0|flo");
    await subs.tick();
    const status = await subs.call("/subscriptions/auth0%7Cflo/status");
    expect(status).toMatchObject({
      status: 200,
      body: { userId: "auth0|flo", subscriptionStatus: "active" },
    });
    // A user whose id is a literal segment of the new routes is still their own.
    const owners = await subs.call("/subscriptions/owners/status");
    expect(owners).toMatchObject({ status: 404, body: { detail: "this user has no subscription" } });
    const period = await subs.call(`${base("auth0|flo")}/current-period`);
    expect(period).toMatchObject({ status: 200, body: { start: NOW } });
    const fulfilments = await subs.call(`/subscriptions/${id}/fulfilments`);
    expect(fulfilments.status).toBe(200);
    expect((fulfilments.body.items as unknown[]).length).toBe(1);
    const cancelled = await subs.call(`/subscriptions/${id}/cancel`, {
      body: { subscriptionId: id, userId: "auth0|flo", cancelImmediately: true, timestamp: NOW },
    });
    expect(cancelled.status).toBe(200);
    const { subscriptions } = await story("auth0|flo");
    expect(subscriptions[0]?.status).toBe("CANCELLED");
  });

  it("documents both reads: operators and services, a 404 only for the owner, examples valid, Spectral clean", async () => {
    const doc: Json = await (await subs.current().app.request("/openapi.json")).json();
    const history = doc.paths["/subscriptions/users/{user_id}/billing"].get;
    const owners = doc.paths["/subscriptions/owners"].get;
    for (const operation of [history, owners]) {
      expect(operation.tags).toEqual(["Operators"]);
      expect(operation["x-roster-principals"]).toEqual(["service", "operator"]);
      expect(operation.description).toMatch(/Callers: services and operators/);
    }
    expect(Object.keys(history.responses)).not.toContain("404");
    expect(history.description).toMatch(/200 with an empty list, never 404/);
    expect(Object.keys(owners.responses)).toContain("404");
    expect(owners.parameters).toEqual([
      expect.objectContaining({ name: "subscription_id", in: "query", required: true }),
    ]);
    expect(invalidOpenApiExamples(doc)).toEqual([]);
    const findings = await lintDocument(doc, "oas");
    expect(findings.filter((f) => f.severity === "error" || f.severity === "warning")).toEqual([]);
  });
});
