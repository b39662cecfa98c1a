import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { SandboxGateway } from "../../../src/payments/adapters/sandbox/sandbox.gateway.ts";
import { paymentsModule } from "../../../src/payments/payments.module.ts";
import { localSecret } from "../../../src/platform/adapters/embedded/local-secret.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { randomIds } from "../../../src/platform/time/id-generator.port.ts";
import type { LocalRuntime } from "../../../src/runtime/local/start-local-runtime.ts";
import { subscriptionsModule } from "../../../src/subscriptions/subscriptions.module.ts";
import { usersModule } from "../../../src/users/users.module.ts";
import type { Json } from "../../support/json.ts";
import { useLocalRuntime } from "../../support/local-runtime.ts";
import { settled } from "../../support/polling.ts";

/**
 * Stripe's dispute lifecycle through `POST /payments/webhooks/stripe`, each event signed with the SDK
 * as Stripe signs it, and what it leaves on the charge and the payments stream. An inquiry
 * (`warning_*`) withdraws no funds; one that escalates keeps its dispute id and Stripe announces it by
 * `charge.dispute.updated` and `charge.dispute.funds_withdrawn`
 * (https://docs.stripe.com/disputes/how-disputes-work, https://docs.stripe.com/api/events/types).
 */
describe("disputes from Stripe's webhooks", () => {
  const local = useLocalRuntime("payments-disputes", [usersModule, paymentsModule, subscriptionsModule]);
  let runtime: LocalRuntime;
  let service: string;
  let secret: string;

  beforeAll(async () => {
    runtime = local.runtime();
    service = await runtime.platform.issuer.issue({ kind: "service", id: "users" });
    secret = `whsec_${localSecret(local.dataDir, "payments-webhook-secret")}`;
  });

  const call = async (
    path: string,
    init: { method?: string; token?: string; key?: string; body?: unknown },
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

  /** A user with a debit card charged 12.50: the charge's confirmation id and its PaymentIntent. */
  async function charged(userId: string): Promise<{ id: string; intent: string }> {
    const users = `/payments/users/${encodeURIComponent(userId)}`;
    const token = await runtime.platform.issuer.issue({ kind: "user", id: userId, mfa: true });
    await call(`${users}/payment-methods`, { method: "POST", token, body: { token: "pm_card_visa_debit" } });
    const body = { amount_cents: 1250, currency: "USD", description: "prorated upgrade fee" };
    const charge = await call(`${users}/charges`, { method: "POST", key: `fee:${userId}`, body });
    expect(charge.body.status).toBe("CONFIRMED");
    // The test plays Stripe, which knows its PaymentIntents: read from the sandbox gateway's own books.
    const gateway = new SandboxGateway({
      store: runtime.platform.store,
      clock: systemClock,
      ids: randomIds,
      webhookSecret: secret,
    });
    const [intent] = await gateway.chargesOf((await gateway.customer(userId)).ref);
    return { id: charge.body.confirmation_id, intent: intent?.ref as string };
  }

  /** A Stripe Event about the dispute `du_<intent>` in `status`, `second` seconds into its lifecycle. */
  const event = (intent: string, type: string, status: string, second: number) => ({
    id: `evt_${type}_${status}_${second}_${intent}`,
    object: "event",
    created: 1_790_000_000 + second,
    livemode: false,
    type: `charge.dispute.${type}`,
    data: {
      object: {
        id: `du_${intent}`,
        object: "dispute",
        amount: 1250,
        currency: "usd",
        payment_intent: intent,
        reason: "fraudulent",
        status,
      },
    },
  });

  async function deliver(stripeEvent: object): Promise<Json> {
    const payload = JSON.stringify(stripeEvent);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    const res = await runtime.app.request("/payments/webhooks/stripe", {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body: payload,
    });
    expect(res.status).toBe(200);
    return res.json();
  }

  /** The user's records on the payments stream, once the one `last` matches is there (commit order). */
  async function streamedUntil(userId: string, last: (record: Json) => boolean): Promise<Json[]> {
    const read = async () =>
      runtime.platform.channels.streams
        .tail(runtime.platform.channels.streamNames.payments as string, {}, 10_000)
        .records.map((r) => JSON.parse(Buffer.from(r.kinesis.data, "base64").toString("utf8")) as Json)
        .filter((r) => r.payload.userId === userId);
    return settled(read, (records) => records.some(last), 10_000);
  }
  const summary = (records: Json[]) => records.map((r) => `${r.event_type} ${r.payload.status}`);

  type Delivery = (intent: string) => Promise<unknown>;
  const inOrder =
    (...events: [string, string, number][]): Delivery =>
    async (intent) => {
      for (const [type, status, second] of events) await deliver(event(intent, type, status, second));
    };
  const created = ["created", "warning_needs_response", 0] as [string, string, number];
  const updated = ["updated", "needs_response", 60] as [string, string, number];
  const withdrawn = ["funds_withdrawn", "needs_response", 60] as [string, string, number];

  it.each<[string, Delivery]>([
    ["created as an inquiry, then funds_withdrawn", inOrder(created, withdrawn)],
    ["updated alone", inOrder(updated)],
    ["funds_withdrawn before updated, then the inquiry's created late", inOrder(withdrawn, updated, created)],
    [
      "each event five times, all at once",
      (intent) =>
        Promise.all(
          [created, updated, withdrawn].flatMap(([type, status, second]) =>
            Array.from({ length: 5 }, () => deliver(event(intent, type, status, second))),
          ),
        ),
    ],
  ])("charges back an escalated inquiry exactly once: %s", async (name, delivery) => {
    const userId = `auth0|escalated-${name.replace(/[^a-z]+/g, "-")}`;
    const { id, intent } = await charged(userId);

    await delivery(intent);
    await deliver(event(intent, "closed", "lost", 600));

    expect((await call(`/payments/charges/${id}`, {})).body.status).toBe("CHARGED_BACK");
    const records = await streamedUntil(userId, (r) => r.payload.status === "lost");
    expect(summary(records)).toEqual([
      "PaymentProcessed confirmed",
      "PaymentDisputeUpdated needs_response",
      "PaymentProcessed CHARGED_BACK",
      "PaymentDisputeUpdated lost",
    ]);
  });

  it("tells a chargeback's created and its funds_withdrawn once", async () => {
    const userId = "auth0|chargeback";
    const { id, intent } = await charged(userId);

    await deliver(event(intent, "created", "needs_response", 0));
    await deliver(event(intent, "funds_withdrawn", "needs_response", 1));
    await deliver(event(intent, "closed", "won", 600));

    expect((await call(`/payments/charges/${id}`, {})).body.status).toBe("CONFIRMED");
    const records = await streamedUntil(userId, (r) => r.payload.status === "won");
    expect(summary(records)).toEqual([
      "PaymentProcessed confirmed",
      "PaymentDisputeUpdated needs_response",
      "PaymentProcessed CHARGED_BACK",
      "PaymentDisputeUpdated won",
    ]);
    // The payment's own id, as the contract has transactionId; the gateway's PaymentIntent is on no record.
    const processed = records.filter((r) => r.event_type === "PaymentProcessed").map((r) => r.payload);
    expect(processed).toMatchObject([
      { status: "confirmed", transactionId: id, paymentId: id },
      { status: "CHARGED_BACK", transactionId: id, paymentId: id },
    ]);
    expect(JSON.stringify(records)).not.toContain(`"${intent}"`);
  });

  it("charges nothing back for an inquiry that closes as warning_closed", async () => {
    const userId = "auth0|inquiry";
    const { id, intent } = await charged(userId);

    const answers = [
      await deliver(event(intent, "created", "warning_needs_response", 0)),
      await deliver(event(intent, "updated", "warning_under_review", 60)),
      await deliver(event(intent, "closed", "warning_closed", 600)),
    ];
    // A refund afterwards: its record follows any the inquiry would have written.
    await call(`/payments/charges/${id}/refunds`, { method: "POST", key: "inquiry-refund", body: {} });

    expect(answers).toEqual(Array(3).fill({ received: true, applied: false }));
    expect((await call(`/payments/charges/${id}`, {})).body.status).toBe("REFUNDED");
    const records = await streamedUntil(userId, (r) => r.event_type === "PaymentRefunded");
    expect(summary(records)).toEqual(["PaymentProcessed confirmed", "PaymentRefunded succeeded"]);
  });
});
