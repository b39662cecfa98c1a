import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  BillingReportAnswer,
  type BillingReportWire,
} from "../../../src/contracts/subscriptions/reports.http.ts";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { invalidOpenApiExamples } from "../../support/document-lint.ts";
import type { Json } from "../../support/json.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";

const NOW = "2026-11-22T09:30:00.000Z";
const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };
const PREMIUM_ANNUAL = { ...PLUS, tier: "premium", term: "ANNUAL", price_cents: 12_000 };
const PLUS_EUR = { ...PLUS, price_cents: 899, currency: "EUR" };
const base = (userId: string) => `/subscriptions/users/${encodeURIComponent(userId)}/subscription`;

describe("the Subscription Service's billing report (GET /subscriptions/reports/billing)", () => {
  const subs = useSubscriptionService();
  let clock: ManualClock;
  let issuer: LocalIssuer;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-issuer-")));
    subs.build({ clock, issuer });
  });

  const operator = () => issuer.issue({ kind: "operator", id: "ops@roster.test" }, clock.now());
  const report = async (days: number): Promise<BillingReportWire> => {
    const res = await subs.call(`/subscriptions/reports/billing?days=${days}`, { token: await operator() });
    expect(res.status).toBe(200);
    return BillingReportAnswer.parse(res.body);
  };
  const day = (r: BillingReportWire, d: string) => r.daily.find((x) => x.day === d);
  const activate = async (userId: string, plan: object) => {
    await subs.payments.attachCard(userId, "pm_card_visa_debit");
    const res = await subs.call(base(userId), { body: plan, key: `activate:${userId}` });
    expect(res.status).toBe(201);
  };

  it("counts each day's live subscriptions by tier, pauses, starts, ends and revenue, and the window's pauses and recoveries", async () => {
    await activate("auth0|ada", PLUS);
    await activate("auth0|bea", PREMIUM_ANNUAL);
    await activate("auth0|cal", PLUS_EUR);
    await activate("auth0|dee", PLUS);
    await subs.tick();
    const paused = await subs.call(`${base("auth0|ada")}/pause`, {
      body: { months: 1, first_skipped_payment: "2026-12-22" },
      key: "pause-ada",
    });
    expect(paused.status).toBe(200);
    await subs.payWith("auth0|dee", "pm_card_chargeDeclined");
    await subs.advanceDays(2);
    const cancelled = await subs.call(`${base("auth0|cal")}/cancel`, {
      body: { effective: "now", reason: "CANCEL" },
      key: "cancel-cal",
    });
    expect(cancelled.status).toBe(200);
    await subs.advanceDays(28); // 2026-12-22: ada's renewal skipped for her pause, dee's declined

    const first = await report(31);
    expect(first).toMatchObject({ as_of: "2026-12-22T09:30:00.000Z", days: 31 });
    expect(first.daily).toHaveLength(31);
    expect([first.daily[0]?.day, first.daily.at(-1)?.day]).toEqual(["2026-11-22", "2026-12-22"]);
    expect(first.tiers).toEqual(["plus", "premium"]);
    expect(first.currencies).toEqual(["USD", "EUR"]);
    // An annual plan adds a twelfth of its price.
    expect(day(first, "2026-11-22")).toEqual({
      day: "2026-11-22",
      active_by_tier: { plus: 3, premium: 1 },
      paused: 0,
      new: 4,
      cancelled: 0,
      mrr_cents: { EUR: 899, USD: 999 + 1000 + 999 },
    });
    expect(day(first, "2026-11-23")).toMatchObject({ new: 0, cancelled: 0 });
    expect(day(first, "2026-11-24")).toEqual({
      day: "2026-11-24",
      active_by_tier: { plus: 2, premium: 1 },
      paused: 0,
      new: 0,
      cancelled: 1,
      mrr_cents: { USD: 2998 },
    });
    // Paused from the skipped payment on: no longer active, no revenue.
    expect(day(first, "2026-12-22")).toEqual({
      day: "2026-12-22",
      active_by_tier: { plus: 1, premium: 1 },
      paused: 1,
      new: 0,
      cancelled: 0,
      mrr_cents: { USD: 1999 },
    });
    expect(first.pauses).toEqual({
      started: 1,
      resumed: 0,
      withdrawn: 0,
      cancelled_while_paused: 0,
      still_paused: 1,
      scheduled: 0,
      skipped_payments: 1,
    });
    expect(first.recovery).toEqual({ entered: 1, recovered: 0, failed: 0, in_progress: 1 });

    await subs.payWith("auth0|dee", "pm_card_visa_debit");
    await subs.advanceDays(31); // dee's retry is paid; 2027-01-22: ada's pause ends
    const second = await report(62);
    expect(second.recovery).toEqual({ entered: 1, recovered: 1, failed: 0, in_progress: 0 });
    expect(second.pauses).toMatchObject({ started: 1, resumed: 1, still_paused: 0, skipped_payments: 1 });
    expect(day(second, "2027-01-22")).toMatchObject({
      active_by_tier: { plus: 2, premium: 1 },
      paused: 0,
      mrr_cents: { USD: 2998 },
    });
    // A one-day window starts from everything before it.
    expect((await report(1)).daily).toEqual([day(second, "2027-01-22")]);
  });

  it("answers every day of a window with nothing in it, at zero", async () => {
    const r = await report(3);
    expect(r.daily).toEqual(
      ["2026-11-20", "2026-11-21", "2026-11-22"].map((d) => ({
        day: d,
        active_by_tier: {},
        paused: 0,
        new: 0,
        cancelled: 0,
        mrr_cents: {},
      })),
    );
    expect([r.tiers, r.currencies]).toEqual([[], []]);
    expect(r.recovery).toEqual({ entered: 0, recovered: 0, failed: 0, in_progress: 0 });
  });

  it("defaults to 30 days and refuses a window it cannot answer (400 naming days)", async () => {
    const token = await operator();
    const fallback = await subs.call("/subscriptions/reports/billing", { token });
    expect([fallback.status, (fallback.body as { daily: unknown[] }).daily.length]).toEqual([200, 30]);
    for (const days of ["0", "367", "1e1", "-3", "abc", "3.5"]) {
      const res = await subs.call(`/subscriptions/reports/billing?days=${days}`, { token });
      expect(res.status, days).toBe(400);
      expect(JSON.stringify(res.body), days).toMatch(/days/);
    }
  });

  it("answers operators and services, refuses a user (403) and a caller without credentials (401), and is documented", async () => {
    const user = await issuer.issue({ kind: "user", id: "auth0|ada" }, clock.now());
    expect((await subs.call("/subscriptions/reports/billing", { token: user })).status).toBe(403);
    expect((await subs.call("/subscriptions/reports/billing")).status).toBe(200);
    const anonymous = await subs.current().app.request("/subscriptions/reports/billing");
    expect(anonymous.status).toBe(401);
    const doc: Json = await (await subs.current().app.request("/openapi.json")).json();
    const operation = doc.paths["/subscriptions/reports/billing"].get;
    expect(operation["x-roster-principals"]).toEqual(["service", "operator"]);
    expect(operation.parameters).toEqual([expect.objectContaining({ name: "days", in: "query" })]);
    expect(invalidOpenApiExamples(doc)).toEqual([]);
  });
});
