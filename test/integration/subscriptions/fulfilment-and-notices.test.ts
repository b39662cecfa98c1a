import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  FulfilmentList,
  FulfilmentSettingsAnswer,
} from "../../../src/contracts/subscriptions/fulfilment.http.ts";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { getJson } from "../../../src/platform/objects/json.documents.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { PICKUP_HOLD_DAYS } from "../../../src/subscriptions/domain/fulfilment.ts";
import { runDueCycles } from "../../../src/subscriptions/workers/billing-run.worker.ts";
import { handlePaymentsRecords } from "../../../src/subscriptions/workers/payments.worker.ts";
import { kinesisRecord } from "../../support/lambda-events.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

const NOW = "2026-11-22T09:30:00.000Z";
const DAY_MS = 24 * 60 * 60 * 1000;
const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };
const base = (userId: string) => `/subscriptions/users/${encodeURIComponent(userId)}/subscription`;
const ADDRESS = {
  name: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};

describe("fulfilment channels and the members' notices", () => {
  const subs = useSubscriptionService();
  let clock: ManualClock;
  let issuer: LocalIssuer;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-issuer-")));
    subs.build({ clock, issuer });
    // The catalogue's plan, as the Growthbook catalogue seeds it.
    await subs.current().services.subscriptions.store.ensurePlan({
      planId: "plus:v1:MONTHLY",
      tier: "plus",
      tierVersion: "v1",
      term: "MONTHLY",
      priceCents: 999,
      currency: "USD",
    });
  });
  afterEach(() => subs.expectRecordsOnContract());

  /** A catalogue subscription (SubscribeUser), its first period not yet charged. */
  const subscribe = async (userId: string, card = "pm_card_visa_debit") => {
    await subs.payments.attachCard(userId, card);
    const res = await subs.call("/subscriptions", {
      body: { userId, planId: "plus:v1:MONTHLY", paymentMethod: "DebitCard", timestamp: NOW },
    });
    expect(res.status).toBe(201);
    return (res.body as { subscriptionId: string }).subscriptionId;
  };
  const activate = async (userId: string, card = "pm_card_visa_debit") => {
    await subs.payments.attachCard(userId, card);
    const res = await subs.call(base(userId), { body: PLUS, key: `activate:${userId}` });
    expect(res.status).toBe(201);
  };
  const setFulfilment = (id: string, body: unknown, token?: string) =>
    subs.call(`/subscriptions/${id}/fulfilment`, { method: "PUT", body, ...(token ? { token } : {}) });
  const fulfilments = async (id: string) => {
    const res = await subs.call(`/subscriptions/${id}/fulfilments`);
    expect(res.status).toBe(200);
    return FulfilmentList.parse(res.body).items;
  };
  const notices = (userId: string) => subs.current().notices.filter((n) => n.user_id === userId);
  const kinds = (userId: string) => notices(userId).map((n) => n.kind);
  const paidCycles = async (id: string) =>
    (await subs.current().services.subscriptions.store.cycles(id)).filter((c) => c.status === "PAID");

  it("delivers a digital period when it is paid, with a started notice and a receipt notice naming the receipt", async () => {
    const id = await subscribe("auth0|dee");
    await subs.tick();
    const [cycle] = await paidCycles(id);
    expect(await fulfilments(id)).toEqual([
      expect.objectContaining({ cycleId: cycle?.cycleId, channel: "DIGITAL", status: "DELIVERED" }),
    ]);
    expect(kinds("auth0|dee")).toEqual(["subscription_started", "renewal_receipt"]);
    const receipt = notices("auth0|dee")[1] as Record<string, unknown>;
    expect(receipt).toMatchObject({
      subscription_id: id,
      amount_cents: 999,
      currency: "USD",
      period_start: NOW,
      period_end: "2026-12-22T09:30:00.000Z",
    });
    // The notice names the receipt document the relay wrote.
    expect(await getJson(subs.current().objects, receipt.receipt_key as string)).toMatchObject({
      cycle_id: cycle?.cycleId,
      amount_cents: 999,
    });
    // No shipment for a digital period.
    expect(subs.current().published.map((e) => e.detailType)).toEqual(["UserSubscriptionStarted"]);
  });

  it("ships each paid period of a SHIPPING subscription once: ShipmentRequested with the cycle as orderId", async () => {
    const id = await subscribe("auth0|sam");
    await subs.tick();
    const set = await setFulfilment(id, { channel: "SHIPPING", destination: ADDRESS, service: "EXPRESS" });
    expect(set.status).toBe(200);
    expect(FulfilmentSettingsAnswer.parse(set.body)).toEqual({
      subscriptionId: id,
      channel: "SHIPPING",
      destination: ADDRESS,
      service: "EXPRESS",
    });
    // The same settings again change nothing.
    expect(
      (await setFulfilment(id, { channel: "SHIPPING", destination: ADDRESS, service: "EXPRESS" })).status,
    ).toBe(200);

    await subs.advanceDays(30);
    expect(subs.updates("auth0|sam").filter((u) => u === "fulfilment-changed")).toHaveLength(1);
    const cycles = await paidCycles(id);
    expect(cycles).toHaveLength(2);
    const shipments = subs.current().published.filter((e) => e.detailType === "ShipmentRequested");
    expect(shipments.map((e) => e.detail)).toEqual([
      expect.objectContaining({
        orderId: cycles[1]?.cycleId,
        subscriptionId: id,
        userId: "auth0|sam",
        destination: ADDRESS,
        service: "EXPRESS",
        parcelCount: 1,
      }),
    ]);
    const [renewal, first] = await fulfilments(id);
    expect(renewal).toMatchObject({
      channel: "SHIPPING",
      status: "SHIPMENT_REQUESTED",
      service: "EXPRESS",
      country: "GB",
    });
    expect(first).toMatchObject({ channel: "DIGITAL", status: "DELIVERED" });
    // The address is on the subscription and in the carrier's event only: not in the fulfilment
    // records, the history or the stream.
    const { rows } = await sql<{ text: string }>`select
      (select coalesce(json_agg(f), '[]')::text from fulfilments f) ||
      (select json_agg(c)::text from subscription_changes c) as text`.execute(subs.sql());
    expect(rows[0]?.text).not.toContain("St James");
    expect(JSON.stringify(subs.current().streamed)).not.toContain("St James");
    expect(JSON.stringify(subs.current().notices)).not.toContain("St James");

    // A redelivered relay batch and more runner ticks ship nothing again.
    await subs.current().relay();
    await subs.tick();
    expect(subs.current().published.filter((e) => e.detailType === "ShipmentRequested")).toHaveLength(1);
    const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from fulfilments`.execute(
      subs.sql(),
    );
    expect(counted[0]?.n).toBe(2);
  });

  it("fulfils a renewal whose answer was lost once, when the Payment Service's PaymentProcessed settles it, redelivered or not", async () => {
    const id = await subscribe("auth0|lou");
    await setFulfilment(id, { channel: "SHIPPING", destination: ADDRESS, service: "STANDARD" });
    const { services } = subs.current();
    // The charge is made, and its answer lost on the way back (a timeout): the cycle stays PROCESSING.
    const lost = await runDueCycles({
      ...services.run,
      charges: {
        charge: async (userId, charge) => {
          await services.run.charges.charge(userId, charge);
          throw new UnavailableError("the answer was lost");
        },
      },
    });
    expect(lost).toMatchObject({ claimed: 1, unknown: 1 });
    expect(await fulfilments(id)).toEqual([]);
    const [charge] = await subs.payments.charges("auth0|lou");
    const [cycle] = await services.subscriptions.store.cycles(id);
    const processed = kinesisRecord({
      event_id: "0f5e8c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
      event_type: "PaymentProcessed",
      version: "1.0.0",
      occurred_at: clock.now().toISOString(),
      payload: {
        transactionId: charge?.confirmation_id,
        userId: "auth0|lou",
        orderId: cycle?.cycleId,
        amount: 9.99,
        paymentMethod: "DebitCard",
        status: "confirmed",
        timestamp: clock.now().toISOString(),
        currency: "USD",
        subscriptionId: id,
        paymentId: charge?.confirmation_id,
      },
    });
    const worker = services.run;
    for (let delivery = 0; delivery < 3; delivery++) {
      expect((await handlePaymentsRecords(worker, [processed])).batchItemFailures).toEqual([]);
    }
    await subs.tick();
    expect(await fulfilments(id)).toEqual([
      expect.objectContaining({ cycleId: cycle?.cycleId, status: "SHIPMENT_REQUESTED" }),
    ]);
    const shipments = subs.current().published.filter((e) => e.detailType === "ShipmentRequested");
    expect(shipments.map((e) => (e.detail as { orderId: string }).orderId)).toEqual([cycle?.cycleId]);
    expect(kinds("auth0|lou").filter((k) => k === "renewal_receipt")).toHaveLength(1);
  });

  it("holds an IN_STORE_PICKUP period under a pickup code for 14 days, and tells the member the code", async () => {
    const id = await subscribe("auth0|pia");
    expect((await setFulfilment(id, { channel: "IN_STORE_PICKUP", storeId: "store-042" })).status).toBe(200);
    await subs.tick();
    const [pickup] = await fulfilments(id);
    expect(pickup).toMatchObject({
      channel: "IN_STORE_PICKUP",
      status: "AWAITING_PICKUP",
      storeId: "store-042",
    });
    expect(pickup?.pickupCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(pickup?.pickupExpiresAt).toBe(
      new Date(clock.now().getTime() + PICKUP_HOLD_DAYS * DAY_MS).toISOString(),
    );
    expect(notices("auth0|pia").find((n) => n.kind === "pickup_ready")).toMatchObject({
      subscription_id: id,
      pickup: { store_id: "store-042", code: pickup?.pickupCode, expires_at: pickup?.pickupExpiresAt },
    });
    // Each period has its own code.
    await subs.advanceDays(30);
    const [next] = await fulfilments(id);
    expect(next?.pickupCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(next?.pickupCode).not.toBe(pickup?.pickupCode);
  });

  it("tells a member of a failed payment with its next attempt, and of a pause ending before billing starts again", async () => {
    await activate("auth0|fay", "pm_card_chargeDeclined");
    await subs.tick();
    expect(notices("auth0|fay").find((n) => n.kind === "payment_failed")).toMatchObject({
      amount_cents: 999,
      next_billing_date: new Date(clock.now().getTime() + DAY_MS).toISOString(),
    });

    await activate("auth0|pat");
    await subs.tick();
    const paused = await subs.call(`${base("auth0|pat")}/pause`, {
      body: { months: 2, first_skipped_payment: "2026-12-22" },
      key: "pause-pat",
    });
    expect(paused.status).toBe(200);
    await subs.advanceDays(30);
    expect(kinds("auth0|pat").slice(-1)).toEqual(["pause_scheduled"]);
    await subs.advanceDays(31);
    // The second and last skipped payment: the member hears when billing starts again.
    expect(notices("auth0|pat").at(-1)).toMatchObject({
      kind: "pause_ending",
      resumes_on: "2027-02-22T09:30:00.000Z",
      amount_cents: 999,
    });
    await subs.advanceDays(31);
    expect(kinds("auth0|pat").slice(-2)).toEqual(["pause_ended", "renewal_receipt"]);
    // No card data in any notice: not the method, its brand or its digits.
    const all = JSON.stringify(subs.current().notices);
    for (const secret of ["pm_", "visa", "4242", "card_"]) expect(all.toLowerCase()).not.toContain(secret);
  });

  describe("bad input is a 4xx naming the field, and nothing is written", () => {
    const state = async () => {
      const { rows } = await sql<{ text: string }>`select
        (select json_agg(s order by subscription_id)::text from subscriptions s) ||
        (select count(*)::text from subscription_changes) ||
        (select count(*)::text from outbox) as text`.execute(subs.sql());
      return rows[0]?.text;
    };
    const refused = async (
      call: () => Promise<{ status: number; body: unknown }>,
      status: number,
      field?: string,
    ) => {
      const before = await state();
      const res = await call();
      expect(res.status).toBe(status);
      if (field) {
        const paths = ((res.body as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);
        expect(paths.join(" ")).toContain(field);
      }
      expect(await state()).toEqual(before);
    };

    it("a destination missing or malformed, an unknown channel or field, another user's subscription, an ended one", async () => {
      const id = await subscribe("auth0|own");
      await refused(() => setFulfilment(id, { channel: "SHIPPING" }), 400, "destination");
      await refused(
        () => setFulfilment(id, { channel: "SHIPPING", destination: { ...ADDRESS, country: "Britain" } }),
        400,
        "country",
      );
      await refused(
        () =>
          setFulfilment(id, { channel: "SHIPPING", destination: { ...ADDRESS, line1: "12\u202eSquare" } }),
        400,
        "line1",
      );
      await refused(() => setFulfilment(id, { channel: "DRONE" }), 400, "channel");
      await refused(() => setFulfilment(id, { channel: "IN_STORE_PICKUP", storeId: "s1", gift: true }), 400);
      await refused(
        () => setFulfilment(id, { channel: "IN_STORE_PICKUP", storeId: "no spaces" }),
        400,
        "storeId",
      );
      const stranger = await issuer.issue({ kind: "user", id: "auth0|other" }, clock.now());
      await refused(() => setFulfilment(id, { channel: "DIGITAL" }, stranger), 404);
      await refused(() => subs.call(`/subscriptions/${id}/fulfilments`, { token: stranger }), 404);
      await refused(() => setFulfilment("sub_unknown", { channel: "DIGITAL" }), 404);
      const cancelled = await subs.call(`/subscriptions/${id}/cancel`, {
        body: { subscriptionId: id, userId: "auth0|own", cancelImmediately: true, timestamp: NOW },
      });
      expect(cancelled.status).toBe(200);
      await refused(() => setFulfilment(id, { channel: "IN_STORE_PICKUP", storeId: "store-1" }), 409);
      // The owner themself may.
      const mine = await subscribe("auth0|new-owner");
      const own = await issuer.issue({ kind: "user", id: "auth0|new-owner" }, clock.now());
      expect(
        (await setFulfilment(mine, { channel: "IN_STORE_PICKUP", storeId: "store-1" }, own)).status,
      ).toBe(200);
    });
  });
});
