import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ChargesReportAnswer, type ChargesReportWire } from "../../../src/contracts/payments/reports.http.ts";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { invalidOpenApiExamples } from "../../support/document-lint.ts";
import type { Json } from "../../support/json.ts";
import { usePaymentService } from "../../support/payment-service.ts";

const NOW = "2026-11-22T09:30:00.000Z";
const DAY_MS = 24 * 60 * 60 * 1000;

describe("the Payment Service's charges report (GET /payments/reports/charges)", () => {
  const payments = usePaymentService();
  let clock: ManualClock;
  let issuer: LocalIssuer;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-issuer-")));
    payments.forUsers({ clock, issuer });
  });

  const token = (kind: "service" | "operator" | "user" = "service") =>
    issuer.issue({ kind, id: kind === "user" ? "auth0|ada" : "ops" }, clock.now());
  const call = async (path: string, init: { body?: unknown; key?: string; token?: string } = {}) => {
    const res = await payments.current().app.request(path, {
      method: init.body === undefined ? "GET" : "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${init.token ?? (await token())}`,
        ...(init.key ? { "idempotency-key": init.key } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const charge = async (userId: string, cents: number, currency = "USD") =>
    call(`/payments/users/${encodeURIComponent(userId)}/charges`, {
      key: `charge:${userId}:${clock.now().toISOString()}:${cents}`,
      body: { amount_cents: cents, currency, description: "Membership" },
    });
  const report = async (days: number): Promise<ChargesReportWire> => {
    const res = await call(`/payments/reports/charges?days=${days}`, { token: await token("operator") });
    expect(res.status).toBe(200);
    return ChargesReportAnswer.parse(res.body);
  };
  /** Delivers the sandbox's queued webhooks (a dispute) as Stripe would. */
  const deliverWebhooks = async () => {
    const gateway = payments.current().gateway;
    for (const webhook of await gateway.pendingWebhooks()) {
      const res = await payments.current().app.request("/payments/webhooks/stripe", {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": webhook.signature },
        body: webhook.payload,
      });
      expect(res.status).toBe(200);
      await gateway.acknowledgeWebhook(webhook.eventId);
    }
  };

  it("counts each day's charges and what they took by currency, declines, refunds and disputes", async () => {
    await payments.attachCard("auth0|ada");
    await payments.attachCard("auth0|bo-card-declines");
    await payments.attachCard("auth0|eve-disputes");
    expect((await charge("auth0|ada", 999)).status).toBe(201);
    expect((await charge("auth0|ada", 500, "EUR")).status).toBe(201);
    expect((await charge("auth0|bo-card-declines", 999)).status).toBe(402);
    clock.advance(DAY_MS);
    const paid = await charge("auth0|ada", 1250);
    const refunded = await call(`/payments/charges/${paid.body.confirmation_id}/refunds`, {
      key: "refund-1",
      body: { amount_cents: 250 },
    });
    expect(refunded.status).toBe(201);
    expect((await charge("auth0|eve-disputes", 2000)).status).toBe(201);
    await deliverWebhooks();

    const r = await report(3);
    expect(r).toMatchObject({ as_of: "2026-11-23T09:30:00.000Z", days: 3, open_disputes: 1 });
    expect(r.currencies).toEqual(["USD", "EUR"]);
    expect(r.daily).toEqual([
      {
        day: "2026-11-21",
        charged: 0,
        charged_cents: {},
        declined: 0,
        refunds: 0,
        refunded_cents: {},
        disputes: 0,
      },
      {
        day: "2026-11-22",
        charged: 2,
        charged_cents: { EUR: 500, USD: 999 },
        declined: 1,
        refunds: 0,
        refunded_cents: {},
        disputes: 0,
      },
      {
        day: "2026-11-23",
        charged: 2,
        charged_cents: { USD: 3250 },
        declined: 0,
        refunds: 1,
        refunded_cents: { USD: 250 },
        disputes: 1,
      },
    ]);
    // A charge refunded or disputed since still took the money on its day; the window leaves out older days.
    expect((await report(1)).daily).toEqual([r.daily[2]]);
  });

  it("defaults to 30 days, refuses a window it cannot answer (400), a user (403) and no credentials (401), and is documented", async () => {
    const fallback = await call("/payments/reports/charges", { token: await token("operator") });
    expect([fallback.status, (fallback.body as { daily: unknown[] }).daily.length]).toEqual([200, 30]);
    for (const days of ["0", "367", "x", "1.5"]) {
      const res = await call(`/payments/reports/charges?days=${days}`);
      expect(res.status, days).toBe(400);
      expect(JSON.stringify(res.body), days).toMatch(/days/);
    }
    expect((await call("/payments/reports/charges", { token: await token("user") })).status).toBe(403);
    expect((await payments.current().app.request("/payments/reports/charges")).status).toBe(401);
    const doc: Json = await (await payments.current().app.request("/openapi.json")).json();
    const operation = doc.paths["/payments/reports/charges"].get;
    expect([operation.tags, operation["x-roster-principals"]]).toEqual([
      ["Charge reports"],
      ["service", "operator"],
    ]);
    expect(invalidOpenApiExamples(doc)).toEqual([]);
  });
});
