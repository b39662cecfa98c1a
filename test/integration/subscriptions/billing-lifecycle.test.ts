import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { getJson } from "../../../src/platform/objects/json.documents.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { runDueCycles } from "../../../src/subscriptions/workers/billing-run.worker.ts";
import { handlePaymentsRecords } from "../../../src/subscriptions/workers/payments.worker.ts";
import { kinesisRecord } from "../../support/lambda-events.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

const NOW = "2026-11-22T09:30:00.000Z";
const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };
const base = (userId: string) => `/subscriptions/users/${encodeURIComponent(userId)}/subscription`;

describe("the billing runner, through the Subscription Service's API and the real Payment Service", () => {
  const subs = useSubscriptionService();
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    subs.build({ clock, issuer: await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-issuer-"))) });
  });

  const activate = async (userId: string, card = "pm_card_visa_debit") => {
    await subs.payments.attachCard(userId, card);
    const res = await subs.call(base(userId), { body: PLUS, key: `activate:${userId}` });
    expect(res.status).toBe(201);
    return res.body;
  };
  const collected = async (userId: string) =>
    (await subs.payments.charges(userId)).filter((c) => c.status === "CONFIRMED").map((c) => c.amount_cents);

  it("charges the first period at activation and each renewal once, however often the runner runs", async () => {
    await activate("auth0|ada");
    await subs.tick();
    await subs.tick();
    expect(await collected("auth0|ada")).toEqual([999]);
    await subs.advanceDays(30);
    await subs.tick();
    expect(await collected("auth0|ada")).toEqual([999, 999]);
    const period = await subs.call(`${base("auth0|ada")}/current-period`);
    expect(period.body).toMatchObject({ start: "2026-12-22T09:30:00.000Z", end: "2027-01-22T09:30:00.000Z" });
    expect(subs.updates("auth0|ada")).toEqual(["activated", "renewed", "renewed"]);
  });

  it("keeps an immutable receipt per paid cycle and the plan it was sold on in the object store", async () => {
    const { subscription_id: id } = (await activate("auth0|ivy")) as { subscription_id: string };
    await subs.tick();
    const { objects } = subs.current();
    const [charge] = await subs.payments.charges("auth0|ivy");
    const keys = (await objects.list(`subscriptions/${id}/`, { limit: 10 })).keys;
    expect(keys).toEqual([
      `subscriptions/${id}/cycles/2026-11-22T09:30:00.000Z.json`,
      `subscriptions/${id}/plan.json`,
    ]);
    expect(await getJson(objects, keys[0] as string)).toMatchObject({
      subscription_id: id,
      period_start: "2026-11-22T09:30:00.000Z",
      period_end: "2026-12-22T09:30:00.000Z",
      amount_cents: 999,
      currency: "USD",
      confirmation_id: charge?.confirmation_id,
    });
    expect(await getJson(objects, keys[1] as string)).toMatchObject({
      plan_id: "plus:v1:MONTHLY",
      price_cents: 999,
    });
    // The relay sending its batch again (a crash before the mark) writes the same bytes: nothing changes.
    await subs.sql().updateTable("outbox").set({ relayed_at: null }).execute();
    await subs.current().relay();
    expect((await objects.list(`subscriptions/${id}/`, { limit: 10 })).keys).toEqual(keys);
  });

  it("skips exactly N payments for a pause of N months, with N pause-skipped and one pause-resume in order", async () => {
    await activate("auth0|bo");
    await subs.tick();
    const paused = await subs.call(`${base("auth0|bo")}/pause`, {
      body: { months: 2, first_skipped_payment: "2026-12-22" },
      key: "pause-1",
    });
    expect(paused.body).toMatchObject({ status: "PAUSED", pause: { months: 2 } });
    await subs.advanceDays(95);
    expect(await collected("auth0|bo")).toEqual([999, 999]);
    const [first, second] = (await subs.payments.charges("auth0|bo")).map((c) => c.description);
    expect([first, second]).toEqual([
      "Roster plus membership, month from Nov 2026",
      "Roster plus membership, month from Feb 2027",
    ]);
    expect(subs.updates("auth0|bo")).toEqual([
      "activated",
      "renewed",
      "pause-scheduled",
      "pause-skipped",
      "pause-skipped",
      "pause-resume",
      "renewed",
    ]);
    const resume = subs.current().streamed.find((r) => JSON.stringify(r.record).includes('"pause-resume"'));
    expect(resume?.record).toMatchObject({
      event_type: "SubscriptionUpdated",
      version: "1.0.0",
      payload: {
        unpause_date: "2027-02-22T09:30:00.000Z",
        next_billing_date: "2027-02-22",
        status: "ACTIVE",
      },
    });
  });

  it("bills a pending downgrade at its renewal and not before; retracted, it changes nothing", async () => {
    await activate("auth0|cy");
    await subs.tick();
    const down = await subs.call(`${base("auth0|cy")}/downgrade`, {
      body: { tier: "basic", tier_version: "v1", price_cents: 499, effective: "2026-12-22T09:30:00.000Z" },
      key: "down-1",
    });
    expect(down.body).toMatchObject({ pending_downgrade: { tier: "basic", price_cents: 499 } });
    await subs.advanceDays(29);
    expect(await collected("auth0|cy")).toEqual([999]);
    await subs.advanceDays(1);
    expect(await collected("auth0|cy")).toEqual([999, 499]);
    expect(subs.current().membershipCalls).toEqual([{ call: "finalizeDowngrade", userId: "auth0|cy" }]);

    const di = (await activate("auth0|di")) as { period: { end: string } };
    await subs.tick();
    await subs.call(`${base("auth0|di")}/downgrade`, {
      body: { tier: "basic", tier_version: "v1", price_cents: 499, effective: di.period.end },
      key: "down-1",
    });
    // Retracting a downgrade is an upgrade back to the tier held (the User Service's retract).
    await subs.call(`${base("auth0|di")}/upgrade`, {
      body: { tier: "plus", tier_version: "v1", price_cents: 999 },
      key: "retract-1",
    });
    await subs.advanceDays(31);
    expect(await collected("auth0|di")).toEqual([999, 999]);
  });

  it("bills a period that began before an upgrade at the tier it began at, and the renewals at the new one", async () => {
    // The member upgrades before the runner has billed the first period (it runs every few minutes):
    // the User Service charges the prorated difference for that period, so the period bills plus.
    await activate("auth0|up");
    const up = await subs.call(`${base("auth0|up")}/upgrade`, {
      body: { tier: "premium", tier_version: "v2", price_cents: 1999 },
      key: "up-1",
    });
    expect(up.body).toMatchObject({ period: { tier: "premium", price_cents: 1999 } });
    await subs.tick();
    expect(await collected("auth0|up")).toEqual([999]);
    await subs.advanceDays(31);
    expect(await collected("auth0|up")).toEqual([999, 1999]);

    // Upgraded after the period was billed: the next renewal bills the new tier, nothing billed twice.
    await activate("auth0|later");
    await subs.tick();
    await subs.call(`${base("auth0|later")}/upgrade`, {
      body: { tier: "premium", tier_version: "v2", price_cents: 1999 },
      key: "up-1",
    });
    await subs.advanceDays(31);
    expect(await collected("auth0|later")).toEqual([999, 1999]);
  });

  it("ends a period-end cancellation at the renewal without charging, and asks the User Service to complete it", async () => {
    await activate("auth0|ed");
    await subs.tick();
    const cancelled = await subs.call(`${base("auth0|ed")}/cancel`, {
      body: { effective: "period_end", reason: "user_request" },
      key: "cancel-1",
    });
    expect(cancelled.body).toMatchObject({ status: "ACTIVE", cancel_at: "2026-12-22T09:30:00.000Z" });
    await subs.advanceDays(31);
    expect(await collected("auth0|ed")).toEqual([999]);
    expect(subs.current().membershipCalls).toEqual([{ call: "completeCancellation", userId: "auth0|ed" }]);
    const status = await subs.call("/subscriptions/auth0%7Ced/status");
    expect(status.body).toMatchObject({ subscriptionStatus: "canceled" });
    expect(subs.current().published.map((e) => e.detailType)).toEqual([
      "UserSubscriptionStarted",
      "UserSubscriptionCancelled",
    ]);
  });

  it("keeps a failed renewal's access in the recovery window, retries at +1, +3 and +7 days, recovers on payment", async () => {
    await activate("auth0|flo", "pm_card_chargeDeclined");
    await subs.tick();
    expect(subs.updates("auth0|flo")).toEqual(["activated", "payment-failed"]);
    const period = await subs.call("/subscriptions/auth0%7Cflo/status");
    expect(period.body).toMatchObject({ subscriptionStatus: "pending" });
    await subs.advanceDays(3);
    expect(subs.updates("auth0|flo").filter((u) => u === "payment-failed")).toHaveLength(3);
    // The member adds a card that works: the +7 retry collects it.
    const card = (await subs.payments.attachCard("auth0|flo", "pm_card_visa_debit")) as { method_id: string };
    const token = await subs.current().issuer.issue({ kind: "service", id: "test" }, clock.now());
    const made = await subs.payments
      .current()
      .app.request(`/payments/users/auth0%7Cflo/payment-methods/${card.method_id}/default`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
    expect(made.status).toBe(200);
    await subs.advanceDays(4);
    expect(subs.updates("auth0|flo").slice(-2)).toEqual(["recovered", "renewed"]);
  });

  it("cancels when the window and its grace are spent (its own CancelSubscription), and tells the User Service", async () => {
    await activate("auth0|gus", "pm_card_chargeDeclined");
    await subs.advanceDays(15);
    expect(subs.updates("auth0|gus")).toEqual([
      "activated",
      "payment-failed",
      "payment-failed",
      "payment-failed",
      "payment-failed",
      "cancelled",
    ]);
    expect(subs.current().membershipCalls).toEqual([{ call: "endForPaymentFailure", userId: "auth0|gus" }]);
    const cancelled = subs.current().published.find((e) => e.detailType === "UserSubscriptionCancelled");
    expect(cancelled?.detail).toMatchObject({ userId: "auth0|gus", cancellationReason: "payment_failure" });
  });

  it("never lets a late PaymentProcessed of an earlier attempt settle the retry being charged", async () => {
    await activate("auth0|lea", "pm_card_chargeDeclined");
    await subs.tick();
    expect(subs.updates("auth0|lea")).toEqual(["activated", "payment-failed"]);
    const [declined] = await subs.payments.charges("auth0|lea");
    const declinedAt = clock.now().toISOString();
    // The member adds a card that works before the +1 day retry.
    const card = (await subs.payments.attachCard("auth0|lea", "pm_card_visa_debit")) as { method_id: string };
    const token = await subs.current().issuer.issue({ kind: "service", id: "test" }, clock.now());
    await subs.payments
      .current()
      .app.request(`/payments/users/auth0%7Clea/payment-methods/${card.method_id}/default`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
    clock.advance(24 * 60 * 60 * 1000);
    // The retry is collected, and its answer lost on the way back: the cycle waits, PROCESSING.
    const { services } = subs.current();
    await runDueCycles({
      ...services.run,
      charges: {
        charge: async (userId, charge) => {
          await services.run.charges.charge(userId, charge);
          throw new UnavailableError("the answer was lost");
        },
      },
    });
    const live = await services.subscriptions.store.latestOf("auth0|lea");
    const [cycle] = await services.subscriptions.store.cycles(live!.subscriptionId);
    const record = (status: string, transactionId: string, timestamp: string) =>
      kinesisRecord({
        event_id: `${status}-${transactionId}`,
        event_type: "PaymentProcessed",
        version: "1.0.0",
        occurred_at: timestamp,
        payload: {
          transactionId,
          userId: "auth0|lea",
          orderId: cycle?.cycleId,
          amount: 9.99,
          paymentMethod: "DebitCard",
          status,
          timestamp,
          currency: "USD",
          subscriptionId: cycle?.subscriptionId,
          paymentId: transactionId,
        },
      });
    // The first attempt's failure, read only now (the stream was behind): it changes nothing.
    await handlePaymentsRecords(services.run, [record("failed", declined!.confirmation_id, declinedAt)]);
    expect((await services.subscriptions.store.cycles(cycle!.subscriptionId))[0]).toMatchObject({
      status: "PROCESSING",
      attemptNo: 2,
    });
    // The retry's confirmation settles it.
    const retried = (await subs.payments.charges("auth0|lea")).at(-1);
    expect(retried?.status).toBe("CONFIRMED");
    await handlePaymentsRecords(services.run, [
      record("confirmed", retried!.confirmation_id, clock.now().toISOString()),
    ]);
    await subs.current().relay();
    expect((await services.subscriptions.store.cycles(cycle!.subscriptionId))[0]?.status).toBe("PAID");
    expect(subs.updates("auth0|lea")).toEqual(["activated", "payment-failed", "recovered", "renewed"]);
  });
});
