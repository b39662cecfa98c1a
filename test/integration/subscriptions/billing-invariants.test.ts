import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SubscriptionRecordSchema } from "../../../src/contracts/subscriptions/subscriptions.message.ts";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

const NOW = "2026-11-22T09:30:00.000Z";
const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };
const base = (userId: string) => `/subscriptions/users/${encodeURIComponent(userId)}/subscription`;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Issue 13's invariants of billing, each as a user (or their bank statement) would see it. */
describe("the Subscription Service's billing invariants", () => {
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
  };
  const collected = async (userId: string) =>
    (await subs.payments.charges(userId)).filter((c) => c.status === "CONFIRMED").map((c) => c.amount_cents);
  const paidCycles = async () =>
    (await subs
      .sql()
      .selectFrom("billing_cycles")
      .select(["user_id", "period_start"])
      .where("status", "=", "PAID")
      .execute()) as { user_id: string; period_start: Date }[];

  it("charges each cycle once when two runners run at once, in one service or two on the database", async () => {
    const users = Array.from({ length: 30 }, (_, i) => `auth0|racer${i}`);
    for (const user of users) await activate(user);

    const first = subs.current();
    const second = subs.build({ clock, issuer });
    await Promise.all([first.tick(), first.tick(), second.tick()]);
    clock.advance(31 * DAY_MS);
    await Promise.all([first.tick(), second.tick(), second.tick()]);

    for (const user of users) expect(await collected(user), user).toEqual([999, 999]);
    const paid = await paidCycles();
    expect(paid).toHaveLength(60);
    const periods = new Set(paid.map((c) => `${c.user_id} ${c.period_start.toISOString()}`));
    expect(periods.size).toBe(60);
  });

  it("bills a renewal whose subscription another transaction holds when the run looks, in that run", async () => {
    await activate("auth0|held");
    await subs.tick();
    clock.advance(31 * DAY_MS);

    // A change (an API call, a payment record being applied) holds the subscription's row as the run
    // starts; it lets go a moment later, while the run is still going.
    let run: Promise<unknown> | undefined;
    await subs
      .sql()
      .transaction()
      .execute(async (tx) => {
        await sql`select 1 from subscriptions where user_id = ${"auth0|held"} for update`.execute(tx);
        run = subs.tick();
        await new Promise((done) => setTimeout(done, 300));
      });
    await run;

    // What the run answered for: the renewal due at its time was charged before it ended.
    expect(await collected("auth0|held")).toEqual([999, 999]);
  });

  it("leaves a renewal held longer than the run waits to the next run, charged once", async () => {
    await activate("auth0|long-held");
    await subs.tick();
    clock.advance(31 * DAY_MS);

    await subs
      .sql()
      .transaction()
      .execute(async (tx) => {
        await sql`select 1 from subscriptions where user_id = ${"auth0|long-held"} for update`.execute(tx);
        await subs.tick({ heldWaitMs: 100 });
        expect(await collected("auth0|long-held"), "not charged while held").toEqual([999]);
      });
    await subs.tick();
    await subs.tick();

    expect(await collected("auth0|long-held")).toEqual([999, 999]);
  });

  it("keeps one live subscription per user under 50 SubscribeUser requests at once", async () => {
    // The plan exists because another user's membership made it.
    await activate("auth0|planter");
    const requests = Array.from({ length: 50 }, () =>
      subs.call("/subscriptions", {
        body: {
          userId: "auth0|many",
          planId: "plus:v1:MONTHLY",
          paymentMethod: "DebitCard",
          timestamp: NOW,
        },
      }),
    );
    const answers = await Promise.all(requests);

    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201)).toEqual(Array(49).fill(409));
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body).toMatchObject({ code: "SUBSCRIPTION_EXISTS" });
    }
    const rows = await subs
      .sql()
      .selectFrom("subscriptions")
      .select(["status"])
      .where("user_id", "=", "auth0|many")
      .execute();
    expect(rows).toEqual([{ status: "ACTIVE" }]);
  });

  it("skips exactly N payments for a pause of N months, however often the service restarts", async () => {
    await activate("auth0|sleeper");
    await subs.tick();
    const paused = await subs.call(`${base("auth0|sleeper")}/pause`, {
      body: { months: 3, first_skipped_payment: "2026-12-22" },
      key: "pause-3",
    });
    expect(paused.status).toBe(200);

    // A new service instance on the same database every day, as a redeploy or a crash would make.
    const streamed: unknown[] = [];
    for (let day = 0; day < 130; day++) {
      clock.advance(DAY_MS);
      const instance = subs.build({ clock, issuer });
      await instance.tick();
      streamed.push(...instance.streamed.filter((r) => r.partitionKey === "auth0|sleeper"));
      for (const { record } of instance.streamed) SubscriptionRecordSchema.parse(record);
    }

    // Nov (at activation), then Dec, Jan, Feb skipped, then Mar collected.
    expect(await collected("auth0|sleeper")).toEqual([999, 999]);
    const descriptions = (await subs.payments.charges("auth0|sleeper")).map((c) => c.description);
    expect(descriptions).toEqual([
      "Roster plus membership, month from Nov 2026",
      "Roster plus membership, month from Mar 2027",
    ]);
    const pauseEvents = streamed
      .map((r) => SubscriptionRecordSchema.parse((r as { record: unknown }).record).payload.updated_event)
      .filter((e) => e === "pause-skipped" || e === "pause-resume");
    expect(pauseEvents).toEqual(["pause-skipped", "pause-skipped", "pause-skipped", "pause-resume"]);
  });
});
