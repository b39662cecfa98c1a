import { beforeAll, describe, expect, it } from "vitest";
import { paymentsModule } from "../../../src/payments/payments.module.ts";
import type { LocalRuntime } from "../../../src/runtime/local/start-local-runtime.ts";
import { subscriptionsModule } from "../../../src/subscriptions/subscriptions.module.ts";
import { usersModule } from "../../../src/users/users.module.ts";
import {
  invalidAsyncApiExamples,
  invalidOpenApiExamples,
  lintDocument,
} from "../../support/document-lint.ts";
import type { Json } from "../../support/json.ts";
import { useLocalRuntime } from "../../support/local-runtime.ts";
import { settled } from "../../support/polling.ts";

/** The Payment Service's API on the local runtime: its database, the sandbox gateway, the stream. */
describe("the Payment Service's API", () => {
  const local = useLocalRuntime("payments-api", [usersModule, paymentsModule, subscriptionsModule]);
  let runtime: LocalRuntime;
  let service: string;

  beforeAll(async () => {
    runtime = local.runtime();
    service = await runtime.platform.issuer.issue({ kind: "service", id: "users" });
  });

  const call = async (
    path: string,
    init: { method?: string; token?: string; key?: string; body?: unknown } = {},
  ) => {
    const res = await runtime.app.request(path, {
      method: init.method ?? "GET",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${init.token ?? service}`,
        ...(init.key ? { "idempotency-key": init.key } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const user = (id: string) => `/payments/users/${encodeURIComponent(id)}`;
  const attach = async (id: string, token = "pm_card_visa_debit") =>
    call(`${user(id)}/payment-methods`, {
      method: "POST",
      token: await runtime.platform.issuer.issue({ kind: "user", id, mfa: true }),
      body: { token },
    });
  const charge = (id: string, key: string, amount = 1250) =>
    call(`${user(id)}/charges`, {
      method: "POST",
      key,
      body: { amount_cents: amount, currency: "USD", description: "Upgrade to premium (prorated)" },
    });
  const streamed = async (userId: string) =>
    runtime.platform.channels.streams
      .tail(runtime.platform.channels.streamNames.payments as string, {}, 10_000)
      .records.map((r) => JSON.parse(Buffer.from(r.kinesis.data, "base64").toString("utf8")) as Json)
      .filter((r) => r.payload.userId === userId);

  it("attaches a card, charges it once per key, and puts the outcome on the payments stream", async () => {
    expect((await attach("auth0|ada")).status).toBe(201);

    const first = await charge("auth0|ada", "upgrade:ada:1");
    const again = await charge("auth0|ada", "upgrade:ada:1");
    const otherBody = await charge("auth0|ada", "upgrade:ada:1", 999);

    expect(first).toMatchObject({ status: 201, body: { status: "CONFIRMED", amount_cents: 1250 } });
    expect(again.body.confirmation_id).toBe(first.body.confirmation_id);
    expect(otherBody.status).toBe(409);
    const records = await settled(
      () => streamed("auth0|ada"),
      (r) => r.length >= 1,
      10_000,
    );
    expect(records.map((r) => [r.event_type, r.payload.status, r.payload.amount])).toEqual([
      ["PaymentProcessed", "confirmed", 12.5],
    ]);
  });

  it("moves money once for 50 concurrent identical charges", async () => {
    await attach("auth0|bo");
    const answers = await Promise.all(Array.from({ length: 50 }, () => charge("auth0|bo", "paynow:bo:1")));

    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.confirmation_id)).size).toBe(1);
    const list = await call(`${user("auth0|bo")}/charges`);
    expect(list.body.items).toHaveLength(1);
    const records = await settled(
      () => streamed("auth0|bo"),
      (r) => r.length >= 1,
      10_000,
    );
    expect(records.map((r) => r.payload.status)).toEqual(["confirmed"]);
  });

  it("answers a decline with 402 naming decline_code, and a user without a card with no_active_card", async () => {
    await attach("auth0|cy-card-declines");
    const declined = await charge("auth0|cy-card-declines", "k-cy");
    const noCard = await charge("auth0|nobody", "k-nobody");

    expect(declined).toMatchObject({
      status: 402,
      body: { code: "PAYMENT_DECLINED", decline_code: "card_declined" },
    });
    expect(noCard).toMatchObject({ status: 402, body: { decline_code: "no_active_card" } });
    expect((await charge("auth0|cy-card-declines", "k-cy")).status).toBe(402);
  });

  it("refunds in part, then never more than what is left; 20 concurrent full refunds refund once", async () => {
    await attach("auth0|di");
    const { body: paid } = await charge("auth0|di", "k-di");
    const refund = (key: string, amount?: number) =>
      call(`/payments/charges/${paid.confirmation_id}/refunds`, {
        method: "POST",
        key,
        body: amount === undefined ? {} : { amount_cents: amount },
      });

    expect((await refund("r-1", 500)).body).toMatchObject({ amount_cents: 500, status: "SUCCEEDED" });
    expect((await refund("r-2", 1000)).status).toBe(422);
    const rest = await Promise.all(Array.from({ length: 20 }, (_, i) => refund(`r-all-${i}`)));

    expect(rest.filter((r) => r.status === 201).map((r) => r.body.amount_cents)).toEqual([750]);
    // The others find nothing left: 422 saying so in words and in fields a caller can act on.
    const refused = rest.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(19);
    for (const r of refused) {
      expect(r).toMatchObject({
        status: 422,
        body: { code: "CHARGE_NOT_REFUNDABLE", charge_status: "REFUNDED" },
      });
    }
    expect((await call(`/payments/charges/${paid.confirmation_id}`)).body).toMatchObject({
      refunded_cents: 1250,
    });
  });

  it("refuses bad input with 400 naming the field, writing nothing", async () => {
    await attach("auth0|ed");
    for (const [field, value] of [
      ["amount_cents", 0],
      ["amount_cents", -5],
      ["amount_cents", 12.5],
      ["currency", "XXX"],
    ] as const) {
      const res = await call(`${user("auth0|ed")}/charges`, {
        method: "POST",
        key: `bad-${field}-${value}`,
        body: { amount_cents: 100, currency: "USD", description: "x", [field]: value },
      });
      expect([field, value, res.status, res.body.errors?.[0]?.path]).toEqual([field, value, 400, field]);
    }
    const noKey = await call(`${user("auth0|ed")}/charges`, {
      method: "POST",
      body: { amount_cents: 100, currency: "USD", description: "x" },
    });
    expect(noKey.status).toBe(400);
    expect((await call(`${user("auth0|ed")}/charges`)).body.items).toEqual([]);
  });

  it("refuses a webhook whose signature does not verify with 400", async () => {
    const res = await runtime.app.request("/payments/webhooks/stripe", {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
      body: JSON.stringify({ id: "evt_1", type: "charge.dispute.created" }),
    });
    expect(res.status).toBe(400);
  });

  it("serves a document that passes Spectral's oas ruleset, its examples valid against their schemas", async () => {
    const doc: Json = await (await runtime.app.request("/openapi/payments.json")).json();

    const findings = await lintDocument(doc, "oas");
    expect(findings.filter((f) => f.severity === "error" || f.severity === "warning")).toEqual([]);
    expect(invalidOpenApiExamples(doc)).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/payments/users/{user_id}/charges", "/payments/webhooks/stripe"]),
    );
  });

  it("keeps the order at the edge on every operation of its document: 401, 403 for a kind it does not admit, 413, no 5xx", async () => {
    const doc: Json = await (await runtime.app.request("/openapi/payments.json")).json();
    const kinds = ["user", "service", "operator"] as const;
    let checked = 0;
    for (const [template, item] of Object.entries(doc.paths as Record<string, Json>))
      for (const [method, operation] of Object.entries(item as Record<string, Json>)) {
        if (template === "/health") continue;
        const path = template.replace(/\{[^}]+\}/g, (p) => (p === "{user_id}" ? "auth0%7Cada" : "x1"));
        const send = (headers: Record<string, string>, body = '{"bogus":[1]}') =>
          runtime.app.request(path, {
            method: method.toUpperCase(),
            headers: { "content-type": "application/json", ...headers },
            ...(method === "get" || method === "delete" ? {} : { body }),
          });
        const admitted: string[] | undefined = operation["x-roster-principals"];
        if (!admitted) {
          // Public (the gateway's webhook): its own authentication is the signature.
          expect([template, (await send({})).status]).toEqual([template, 400]);
          continue;
        }
        expect([template, (await send({})).status]).toEqual([template, 401]);
        for (const kind of kinds.filter((k) => !admitted.includes(k))) {
          const token = await runtime.platform.issuer.issue({
            kind,
            id: kind === "user" ? "auth0|ada" : `${kind}-1`,
            mfa: true,
          });
          const res = await send({ authorization: `Bearer ${token}` });
          expect([template, method, kind, res.status]).toEqual([template, method, kind, 403]);
          checked += 1;
        }
        if (operation.requestBody) {
          const res = await send(
            { authorization: `Bearer ${service}` },
            JSON.stringify({ a: "x".repeat(70_000) }),
          );
          expect([template, res.status]).toEqual([template, 413]);
        }
      }
    expect(checked).toBeGreaterThan(4);
  });

  it("serves the AsyncAPI document of its stream, passing Spectral's asyncapi ruleset, every example valid", async () => {
    const doc: Json = await (await runtime.app.request("/payments/asyncapi.json")).json();

    const findings = await lintDocument(doc, "asyncapi");
    expect(findings.filter((f) => f.severity === "error" || f.severity === "warning")).toEqual([]);
    const examples = invalidAsyncApiExamples(doc);
    expect(examples.checked).toBeGreaterThanOrEqual(4);
    expect(examples.invalid).toEqual([]);
  });
});
