import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StripeGateway } from "../../../src/payments/adapters/stripe/stripe.gateway.ts";
import { GatewayUnavailableError } from "../../../src/payments/domain/gateway.errors.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { FAKE_STRIPE_KEYS, parseForm, startFakeStripe } from "../../fakes/stripe.fake.ts";
import { recordingLogger } from "../../support/recording-logger.ts";
import { paymentGatewayContract, USER } from "./payment-gateway.contract.ts";

const NOW = "2026-11-22T09:30:00.000Z";
type Fake = Awaited<ReturnType<typeof startFakeStripe>>;

function adapterFor(fake: Fake, clock: ManualClock, options: { timeoutMs?: number; apiKey?: string } = {}) {
  const log = recordingLogger();
  const gateway = new StripeGateway({
    ...FAKE_STRIPE_KEYS,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    host: fake.host,
    port: fake.port,
    protocol: "http",
    timeoutMs: options.timeoutMs ?? 5_000,
    clock,
    logger: log.logger,
  });
  return { gateway, log };
}

const sign = (clock: ManualClock, payload: string, ageSeconds: number) =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: FAKE_STRIPE_KEYS.webhookSecret,
    timestamp: Math.floor(clock.now().getTime() / 1000) - ageSeconds,
  });

paymentGatewayContract("the Stripe adapter against a loopback Stripe", async () => {
  const clock = new ManualClock(NOW);
  const fake = await startFakeStripe(clock);
  return {
    gateway: adapterFor(fake, clock).gateway,
    charges: async (customerRef) =>
      [...fake.ledger.charges.values()]
        .filter((charge) => charge.customer === customerRef)
        .map((charge) => ({ amountCents: charge.amount, refundedCents: charge.refunded })),
    dispute: async (chargeRef) => fake.webhook("charge.dispute.created", fake.dispute(chargeRef)),
    sign: (payload, ageSeconds) => sign(clock, payload, ageSeconds),
    close: () => fake.server.close(),
  };
});

describe("the Stripe adapter", () => {
  let clock: ManualClock;
  let fake: Fake;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    fake = await startFakeStripe(clock);
  });
  afterEach(async () => {
    await fake.server.close();
  });

  async function visaCharge(gateway: StripeGateway, idempotencyKey = "charge-1") {
    const customer = await gateway.customer(USER);
    const method = await gateway.attachMethod(customer.ref, "pm_card_visa");
    const request = {
      customerRef: customer.ref,
      methodRef: method.ref,
      amountCents: 1999,
      currency: "USD",
      description: "Roster membership",
      idempotencyKey,
      metadata: { confirmation_id: "pay-1" },
    };
    return { customer, method, request };
  }

  const bodyOf = (path: string) => {
    const request = fake.server.received.find((r) => r.url === path);
    return { headers: request?.headers, form: parseForm(request?.body ?? "") };
  };

  it("creates the customer with the key customer:<user id> and the user id in its metadata", async () => {
    const { gateway } = adapterFor(fake, clock);
    await gateway.customer(USER);
    const { headers, form } = bodyOf("/v1/customers");
    expect(headers?.["idempotency-key"]).toBe(`customer:${USER}`);
    expect(form).toEqual({ metadata: { user_id: USER } });
  });

  it("sends a PaymentIntent confirmed off session, in lower-case currency, with the caller's key", async () => {
    const { gateway } = adapterFor(fake, clock);
    const { customer, method, request } = await visaCharge(gateway);
    await gateway.charge(request);
    const { headers, form } = bodyOf("/v1/payment_intents");
    expect(headers?.["idempotency-key"]).toBe("charge-1");
    expect(form).toEqual({
      amount: "1999",
      currency: "usd",
      customer: customer.ref,
      payment_method: method.ref,
      off_session: "true",
      confirm: "true",
      description: "Roster membership",
      metadata: { confirmation_id: "pay-1" },
    });
  });

  it("fails with GatewayUnavailableError on a 503 after the SDK's retries, all with the caller's key", async () => {
    const { gateway } = adapterFor(fake, clock);
    const { customer, request } = await visaCharge(gateway, "charge-503");
    const before = fake.server.received.length;
    fake.server.answerEveryRequestWith({
      status: 503,
      body: { error: { type: "api_error", message: "down" } },
    });
    await expect(gateway.charge(request)).rejects.toBeInstanceOf(GatewayUnavailableError);
    const attempts = fake.server.received.slice(before);
    expect(attempts.map((r) => r.headers["idempotency-key"])).toEqual([
      "charge-503",
      "charge-503",
      "charge-503",
    ]);
    fake.server.behave();
    expect(await gateway.charge(request)).toMatchObject({ outcome: "succeeded" });
    expect([...fake.ledger.charges.values()].filter((c) => c.customer === customer.ref)).toHaveLength(1);
  });

  it("fails with GatewayUnavailableError when Stripe hangs beyond the timeout, or rate-limits", async () => {
    const { gateway } = adapterFor(fake, clock, { timeoutMs: 150 });
    const { request } = await visaCharge(gateway);
    fake.server.answerEveryRequestWith({
      status: 429,
      body: { error: { type: "invalid_request_error", code: "rate_limit" } },
    });
    await expect(gateway.charge(request)).rejects.toBeInstanceOf(GatewayUnavailableError);
    fake.server.neverAnswer();
    await expect(gateway.charge(request)).rejects.toBeInstanceOf(GatewayUnavailableError);
  });

  it.each([
    ["processing", { outcome: "processing" }],
    ["requires_action", { outcome: "declined", reason: "authentication_required" }],
  ])("answers a PaymentIntent in status %s as %o", async (status, expected) => {
    const { gateway } = adapterFor(fake, clock);
    const { request } = await visaCharge(gateway);
    fake.server.answerEveryRequestWith({
      status: 200,
      body: { id: "pi_async", object: "payment_intent", status },
    });
    expect(await gateway.charge(request)).toEqual({ ref: "pi_async", ...expected });
  });

  it("replays a repeated key on Stripe's side (Idempotent-Replayed), not in the adapter", async () => {
    const { gateway } = adapterFor(fake, clock);
    const { request } = await visaCharge(gateway);
    await gateway.charge(request);
    await gateway.charge(request);
    const intents = fake.server.received.filter((r) => r.url === "/v1/payment_intents");
    expect(intents).toHaveLength(2);
    expect(fake.ledger.charges.size).toBe(1);
  });

  it.each([
    [
      "payment_intent.succeeded",
      { id: "pi_1", object: "payment_intent" },
      { kind: "charge.settled", chargeRef: "pi_1" },
    ],
    [
      "payment_intent.payment_failed",
      {
        id: "pi_2",
        object: "payment_intent",
        last_payment_error: { code: "card_declined", decline_code: "insufficient_funds" },
      },
      { kind: "charge.failed", chargeRef: "pi_2", reason: "insufficient_funds" },
    ],
    [
      "charge.dispute.closed",
      { id: "du_1", object: "dispute", amount: 500, payment_intent: "pi_3", charge: "ch_3", status: "lost" },
      { kind: "dispute.closed", disputeRef: "du_1", chargeRef: "pi_3", amountCents: 500, status: "lost" },
    ],
    [
      "charge.dispute.created",
      { id: "du_2", object: "dispute", amount: 500, payment_intent: "pi_4", status: "needs_response" },
      {
        kind: "dispute.opened",
        disputeRef: "du_2",
        chargeRef: "pi_4",
        amountCents: 500,
        status: "needs_response",
      },
    ],
    [
      "charge.dispute.updated",
      { id: "du_5", object: "dispute", amount: 500, payment_intent: "pi_6", status: "needs_response" },
      { kind: "dispute.updated", disputeRef: "du_5", chargeRef: "pi_6", status: "needs_response" },
    ],
    [
      "charge.dispute.funds_withdrawn",
      { id: "du_5", object: "dispute", amount: 500, payment_intent: "pi_6", status: "needs_response" },
      { kind: "dispute.updated", disputeRef: "du_5", chargeRef: "pi_6", status: "needs_response" },
    ],
    [
      "charge.dispute.updated",
      { id: "du_5", object: "dispute", amount: 500, payment_intent: "pi_6", status: "appeal_under_review" },
      { kind: "dispute.updated", disputeRef: "du_5", chargeRef: "pi_6", status: "under_review" },
    ],
  ])("maps %s", async (type, object, expected) => {
    const { gateway } = adapterFor(fake, clock);
    const { payload, signature } = fake.webhook(type, object);
    const event = await gateway.webhookEvent(payload, signature);
    expect(event).toMatchObject({ ...expected, occurredAt: clock.now() });
  });

  // An inquiry withdraws no funds (https://docs.stripe.com/disputes/how-disputes-work): no chargeback, no ban.
  it.each([
    ["charge.dispute.created", "warning_needs_response"],
    ["charge.dispute.created", "warning_under_review"],
    ["charge.dispute.updated", "warning_under_review"],
    ["charge.dispute.funds_withdrawn", "warning_needs_response"],
    ["charge.dispute.closed", "warning_closed"],
  ])("ignores %s of an inquiry (%s)", async (type, status) => {
    const { gateway } = adapterFor(fake, clock);
    const inquiry = { id: "du_3", object: "dispute", amount: 500, payment_intent: "pi_5", status };
    const { payload, signature } = fake.webhook(type, inquiry);
    const event = await gateway.webhookEvent(payload, signature);
    expect(event).toEqual({ kind: "ignored", eventId: expect.any(String), type });
  });

  it("never logs or repeats the API key, the webhook secret, card data or a payload, whatever goes wrong", async () => {
    const { gateway, log } = adapterFor(fake, clock, { timeoutMs: 150 });
    const { request } = await visaCharge(gateway);
    const errors: unknown[] = [];
    const attempt = (call: Promise<unknown>) => call.catch((error: unknown) => void errors.push(error));
    await attempt(gateway.attachMethod(request.customerRef, "pm_card_noSuchCard"));
    await attempt(gateway.refund({ chargeRef: "pi_unknown", amountCents: 1, idempotencyKey: "r" }));
    const { payload } = fake.webhook("charge.dispute.created", { id: "du_x", object: "dispute" });
    await attempt(gateway.webhookEvent(payload, sign(clock, payload, 900)));
    await attempt(adapterFor(fake, clock, { apiKey: "sk_test_wrong_key_abcdef" }).gateway.customer(USER));
    fake.server.answerEveryRequestWith({
      status: 500,
      body: { error: { type: "api_error", message: "4242" } },
    });
    await attempt(gateway.charge(request));
    fake.server.neverAnswer();
    await attempt(gateway.charge(request));

    expect(errors).toHaveLength(6);
    expect(log.entries.length).toBeGreaterThanOrEqual(4);
    const secrets = [
      FAKE_STRIPE_KEYS.apiKey,
      FAKE_STRIPE_KEYS.webhookSecret,
      "sk_test_wrong_key",
      "4242",
      "du_x",
      "pay-1",
    ];
    const told =
      log.text() +
      errors.map((e) => JSON.stringify({ message: (e as Error).message, ...(e as object) })).join();
    for (const secret of secrets) expect(told).not.toContain(secret);
  });
});
