import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import type { SignedJsonClientOptions } from "../../../src/platform/adapters/http/signed-json.client.ts";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { FloatServiceHttpClient } from "../../../src/users/adapters/http/float-service.http.ts";
import { PaymentServiceHttpClient } from "../../../src/users/adapters/http/payment-service.http.ts";
import { SubscriptionServiceHttpClient } from "../../../src/users/adapters/http/subscription-service.http.ts";
import { UnderwritingServiceHttpClient } from "../../../src/users/adapters/http/underwriting-service.http.ts";
import { PaymentDeclinedError } from "../../../src/users/domain/payment.errors.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { type PaymentsUpstream, startFakeMembershipServices } from "../../fakes/membership-services.fake.ts";
import {
  FAKE_AWS_CREDENTIALS,
  FAKE_REGION,
  signedByKnownCaller,
} from "../../fakes/transactions-service.fake.ts";
import { recordingLogger } from "../../support/recording-logger.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";
import { floatServiceContract, underwritingServiceContract } from "./float-and-underwriting.contract.ts";
import { paymentServiceContract } from "./payment-service.contract.ts";
import { subscriptionServiceContract } from "./subscription-service.contract.ts";

type Fake = Awaited<ReturnType<typeof startFakeMembershipServices>>;

/** Short enough that the `pay-timeout` contract case stays quick, long enough for loopback answers. */
const TIMEOUT_MS = 400;

const optionsFor = (
  fake: Fake,
  overrides: Partial<SignedJsonClientOptions> = {},
): SignedJsonClientOptions => ({
  baseUrl: fake.url,
  region: FAKE_REGION,
  credentials: FAKE_AWS_CREDENTIALS,
  timeoutMs: TIMEOUT_MS,
  clock: new ManualClock(TEST_NOW),
  logger: recordingLogger().logger,
  ...overrides,
});

const over = "the SigV4 HTTP client against loopback services";
const subscriptions = useSubscriptionService();
const payments = subscriptions.payments;

/** The Payment and Subscription Services behind the fake's IAM check, on one clock. */
async function behindIam() {
  const clock = new ManualClock(TEST_NOW);
  const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-payments-iam-")));
  payments.forUsers({ clock, issuer });
  const { app: subscriptionsApp } = subscriptions.build({ clock, issuer });
  return {
    clock,
    payments: upstream(payments.current().app, issuer, clock),
    subscriptions: upstream(subscriptionsApp, issuer, clock),
  };
}

subscriptionServiceContract(over, async () => {
  const services = await behindIam();
  const fake = await startFakeMembershipServices(services);
  for (const user of ["auth0|ada", "auth0|grace"]) await payments.attachCard(user);
  return {
    service: new SubscriptionServiceHttpClient(subscriptionOptions(fake)),
    advance: async (ms) => {
      services.clock.advance(ms);
      await subscriptions.tick();
    },
    close: () => fake.server.close(),
  };
});

/** API Gateway's side of a Roster service: past the IAM check, its app with a service principal. */
function upstream(
  app: { request(path: string, init: RequestInit): Response | Promise<Response> },
  issuer: LocalIssuer,
  clock: ManualClock,
): PaymentsUpstream {
  return async (request) => {
    const token = await issuer.issue({ kind: "service", id: "user-service" }, clock.now());
    const key = request.headers["idempotency-key"];
    const res = await app.request(request.path, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...(typeof key === "string" ? { "idempotency-key": key } : {}),
      },
      ...(request.body ? { body: request.body } : {}),
    });
    return { status: res.status, body: await res.json() };
  };
}

/** The fake with Roster's Payment and Subscription Services behind it, and the Payment Service client's options. */
async function withPayments() {
  const fake = await startFakeMembershipServices(await behindIam());
  return { fake, options: (o: Partial<SignedJsonClientOptions> = {}) => paymentOptions(fake, o) };
}

const subscriptionOptions = (fake: Fake, overrides: Partial<SignedJsonClientOptions> = {}) =>
  optionsFor(fake, {
    baseUrl: `${fake.url}/subscriptions`,
    ...overrides,
  } as Partial<SignedJsonClientOptions>);

const paymentOptions = (fake: Fake, overrides: Partial<SignedJsonClientOptions> = {}) =>
  optionsFor(fake, { baseUrl: `${fake.url}/payments`, ...overrides } as Partial<SignedJsonClientOptions>);

paymentServiceContract(over, payments, async () => {
  const { fake, options } = await withPayments();
  return { service: new PaymentServiceHttpClient(options()), close: () => fake.server.close() };
});
floatServiceContract(over, async () => {
  const fake = await startFakeMembershipServices();
  return { service: new FloatServiceHttpClient(optionsFor(fake)), close: () => fake.server.close() };
});
underwritingServiceContract(over, async () => {
  const fake = await startFakeMembershipServices();
  return { service: new UnderwritingServiceHttpClient(optionsFor(fake)), close: () => fake.server.close() };
});

describe("the membership services' HTTP clients", () => {
  let fake: Fake;
  const plus = {
    tier: "plus",
    tierVersion: "v1",
    term: "MONTHLY",
    priceCents: 999,
    currency: "USD",
  } as const;
  const fee = { amountCents: 700, currency: "USD", description: "Unpause fee" } as const;

  beforeEach(async () => {
    fake = (await withPayments()).fake;
    await payments.attachCard("auth0|ada");
  });
  afterEach(async () => {
    await fake.server.close();
  });

  const every = (options: Partial<SignedJsonClientOptions> = {}) => {
    const o = optionsFor(fake, options);
    const subs = new SubscriptionServiceHttpClient(subscriptionOptions(fake, options));
    const charges = new PaymentServiceHttpClient(paymentOptions(fake, options));
    const float = new FloatServiceHttpClient(o);
    const underwriting = new UnderwritingServiceHttpClient(o);
    return [
      () => subs.activate("auth0|ada", { ...plus, idempotencyKey: "activate-1" }),
      () => subs.currentPeriod("auth0|ada"),
      () => charges.charge("auth0|ada", { ...fee, idempotencyKey: "unpause-1" }),
      () => charges.activeDebitCard("auth0|ada"),
      () => float.outstandingBalance("auth0|ada"),
      () => underwriting.recalculate("auth0|ada"),
    ];
  };

  it("send SigV4-signed JSON to the paths of their contracts, with the idempotency key as a header", async () => {
    for (const call of every()) await call();
    const client = new PaymentServiceHttpClient(paymentOptions(fake));
    const charge = await client.charge("auth0|ada", { ...fee, idempotencyKey: "unpause-1" });
    await client.refund(charge.confirmationId, { idempotencyKey: "undo-1" });
    expect(fake.server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /test/subscriptions/users/auth0%7Cada/subscription",
      "GET /test/subscriptions/users/auth0%7Cada/subscription/current-period",
      "POST /test/payments/users/auth0%7Cada/charges",
      "GET /test/payments/users/auth0%7Cada/debit-card",
      "GET /test/users/auth0%7Cada/outstanding-balance",
      "POST /test/users/auth0%7Cada/recalculations",
      "POST /test/payments/users/auth0%7Cada/charges",
      `POST /test/payments/charges/${charge.confirmationId}/refunds`,
    ]);
    const [activate, , chargeRequest] = fake.server.received;
    expect(JSON.parse(activate?.body ?? "")).toEqual({
      tier: "plus",
      tier_version: "v1",
      term: "MONTHLY",
      price_cents: 999,
      currency: "USD",
    });
    expect(chargeRequest?.headers).toMatchObject({
      // Scoped to the user: the Payment Service's keys are one space for all its callers.
      "idempotency-key": "auth0|ada/unpause-1",
      "content-type": "application/json",
      authorization: expect.stringMatching(/SignedHeaders=[^,]*idempotency-key/),
    });
    for (const received of fake.server.received) expect(await signedByKnownCaller(received)).toBe(true);
    // The repeated key answered the first charge; the refund gave it back.
    expect((await payments.ledger("auth0|ada")).map((line) => line.kind)).toEqual(["CHARGE", "REFUND"]);
  });

  it("are refused by the IAM authorizer with a wrong secret: DependencyError (502)", async () => {
    for (const call of every({ credentials: { ...FAKE_AWS_CREDENTIALS, secretAccessKey: "wrong" } })) {
      await expect(call()).rejects.toThrow(DependencyError);
    }
  });

  it("give up on a service that never answers with UnavailableError (503) naming the timeout", async () => {
    fake.server.neverAnswer();
    const log = recordingLogger();
    for (const call of every({ timeoutMs: 150, logger: log.logger })) {
      await expect(call()).rejects.toThrow(/did not answer within 150 ms/);
    }
    expect(log.text()).toContain("timed out");
  });

  it("map 5xx to DependencyError and 429/503/504 to UnavailableError, repeating none of the body", async () => {
    const log = recordingLogger();
    const secret = "card 4000056655665556 for Ada Lovelace at db 10.1.2.3";
    for (const [status, error] of [
      [500, DependencyError],
      [502, DependencyError],
      [429, UnavailableError],
      [503, UnavailableError],
      [504, UnavailableError],
    ] as const) {
      fake.server.answerEveryRequestWith({ status, body: { message: secret } });
      for (const call of every({ logger: log.logger })) {
        const attempt = call();
        await expect(attempt).rejects.toThrow(error);
        await expect(attempt).rejects.not.toThrow(/4000056655665556|Lovelace|10\.1\.2\.3/);
      }
    }
    expect(log.text()).not.toContain("Lovelace");
    expect(log.entries[0]).toEqual([
      "the Subscription Service answered an unexpected status",
      { operation: "activate", status: 500 },
    ]);
  });

  it("read a 402 as a decline in their own words, and a 404 as no card only with its code", async () => {
    const payments = new PaymentServiceHttpClient(paymentOptions(fake));
    fake.server.answerEveryRequestWith({
      status: 402,
      body: { code: "PAYMENT_DECLINED", decline_code: "stolen_card" },
    });
    const declined = payments.charge("auth0|ada", { ...fee, idempotencyKey: "k" });
    await expect(declined).rejects.toThrow(PaymentDeclinedError);
    await expect(declined).rejects.toMatchObject({ reason: "card_declined" });
    fake.server.answerEveryRequestWith({ status: 404, body: { message: "Not Found" } });
    await expect(payments.activeDebitCard("auth0|ada")).rejects.toThrow(DependencyError);
  });

  it("refuse answers outside their contracts with DependencyError", async () => {
    fake.server.answerEveryRequestWith({ status: 200, body: { amount_cents: -5, currency: "usd" } });
    await expect(
      new FloatServiceHttpClient(optionsFor(fake)).outstandingBalance("auth0|ada"),
    ).rejects.toThrow(DependencyError);
    fake.server.answerEveryRequestWith({ status: 200, body: { eligible: false, limit_cents: 5000 } });
    await expect(
      new UnderwritingServiceHttpClient(optionsFor(fake)).recalculate("auth0|ada"),
    ).rejects.toThrow(DependencyError);
    fake.server.answerEveryRequestWith({ status: 201, body: "<html>gateway</html>" });
    const subs = new SubscriptionServiceHttpClient(subscriptionOptions(fake));
    await expect(subs.activate("auth0|ada", { ...plus, idempotencyKey: "k" })).rejects.toThrow(
      DependencyError,
    );
  });
});
