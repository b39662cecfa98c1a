import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { FAKE_STRIPE_KEYS, startFakeStripe } from "../../fakes/stripe.fake.ts";
import { uniqueTestStage } from "../../support/dynamodb-local.ts";
import { createTestStream, type Kinesalite, readStream, startKinesalite } from "../../support/kinesalite.ts";
import { type RestEventOptions, restApiEvent } from "../../support/lambda-events.ts";
import { freshDatabase, type TestDatabase } from "../../support/test-database.ts";
import { loadBundleHandler } from "../../support/worker-bundle.ts";

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
type MigrateHandler = () => Promise<{ applied: string[] }>;
type RelayHandler = (event: unknown, context: Context) => Promise<{ relayed: number }>;

const SERVICE_ROLE = "arn:aws:sts::111122223333:assumed-role/test-user-service-api-us-east-2/session";
const OPERATOR_ROLE = "arn:aws:sts::111122223333:assumed-role/test-support-operators/grace";
const USER = "auth0|ada";
const stage = uniqueTestStage();
const STREAM = `${stage}-payments`;

/**
 * The Payment Service's three bundles as Lambda runs them: the migration on a fresh database, the API
 * with API Gateway REST events (IAM callers mapped by IAM_PRINCIPALS, the public webhook route) against
 * the Stripe-shaped fake, and the outbox relay putting what the API committed on kinesalite.
 */
describe("bundled Payment Service Lambda handlers", () => {
  let database: TestDatabase<unknown>;
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let kinesalite: Kinesalite;
  let kinesis: KinesisClient;
  let migrate: MigrateHandler;
  let api: ApiHandler;
  let relay: RelayHandler;

  const call = async (method: string, path: string, options: RestEventOptions = {}) => {
    const result = await api(restApiEvent(method, path, options), {} as Context);
    return { status: result.statusCode, json: JSON.parse(result.body) };
  };
  const asService = (key?: string): RestEventOptions => ({
    arn: SERVICE_ROLE,
    ...(key ? { headers: { "idempotency-key": key } } : {}),
  });
  const chargeBody = { amount_cents: 1250, currency: "USD", description: "Upgrade to premium (prorated)" };

  beforeAll(async () => {
    database = await freshDatabase();
    fake = await startFakeStripe(systemClock);
    kinesalite = await startKinesalite(10);
    kinesis = kinesalite.client();
    await createTestStream(kinesis, STREAM, 2);
    const env = { STAGE: stage, LOG_LEVEL: "SILENT", DATABASE_URL: database.url };
    migrate = await loadBundleHandler<MigrateHandler>("payments-migrate", env);
    api = await loadBundleHandler<ApiHandler>("payments-api", {
      ...env,
      STRIPE_SECRET_KEY: FAKE_STRIPE_KEYS.apiKey,
      STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_KEYS.webhookSecret,
      STRIPE_API_BASE_URL: fake.server.origin,
      ROSTER_CURSOR_KEY: "test-cursor-secret-of-thirty-two-chars",
      IAM_PRINCIPALS: JSON.stringify({
        "arn:aws:sts::111122223333:assumed-role/test-user-service-api-us-east-2/": "service:user-service",
        "arn:aws:sts::111122223333:assumed-role/test-support-operators/": "operator:support",
      }),
    });
    relay = await loadBundleHandler<RelayHandler>("payments-outbox-relay", {
      ...env,
      PAYMENTS_STREAM_NAME: STREAM,
      AWS_ENDPOINT_URL_KINESIS: kinesalite.endpoint,
      RELAY_RUN_MS: "0",
      POWERTOOLS_METRICS_DISABLED: "true",
    });
  });

  afterAll(async () => {
    kinesis?.destroy();
    await kinesalite?.stop();
    await fake?.server.close();
    await database?.drop();
  });

  it("migrates the schema once: a second run applies nothing", async () => {
    expect((await migrate()).applied.length).toBeGreaterThan(0);
    expect(await migrate()).toEqual({ applied: [] });
    const health = await call("GET", "/health");
    expect([health.status, health.json.stores]).toEqual([200, { "payments-postgres": { status: "ok" } }]);
  });

  it("charges a card for an IAM caller mapped to a service, once per Idempotency-Key", async () => {
    const attached = await call("POST", `/payments/users/${encodeURIComponent(USER)}/payment-methods`, {
      ...asService("attach-1"),
      body: { token: "pm_card_visa_debit" },
    });
    expect(attached.status).toBe(201);

    const path = `/payments/users/${encodeURIComponent(USER)}/charges`;
    const first = await call("POST", path, { ...asService("charge-1"), body: chargeBody });
    const again = await call("POST", path, { ...asService("charge-1"), body: chargeBody });

    expect(first).toMatchObject({ status: 201, json: { status: "CONFIRMED", amount_cents: 1250 } });
    expect(again.json.confirmation_id).toBe(first.json.confirmation_id);
    expect(fake.ledger.charges.size).toBe(1);
  });

  it("answers 401 to a request without an IAM caller and 403 to a caller whose kind may not charge", async () => {
    const path = `/payments/users/${encodeURIComponent(USER)}/charges`;
    const anonymous = await call("POST", path, { headers: { "idempotency-key": "k-x" }, body: chargeBody });
    const operator = await call("POST", path, {
      arn: OPERATOR_ROLE,
      headers: { "idempotency-key": "k-y" },
      body: chargeBody,
    });
    const unmapped = await call("GET", path, { arn: "arn:aws:iam::9:role/other" });

    // (API Gateway itself answers an unsigned request 403 before the function: this is the app's own check.)
    expect([anonymous.status, operator.status, unmapped.status]).toEqual([401, 403, 401]);
    expect(operator.json).toMatchObject({ status: 403, title: "Forbidden" });
    expect(fake.ledger.charges.size).toBe(1);
  });

  it("accepts a signed Stripe webhook without a caller, and charges the payment back", async () => {
    const [intent] = [...fake.ledger.charges.keys()];
    const { payload, signature } = fake.webhook("charge.dispute.created", fake.dispute(intent!));
    const event = { resource: "/payments/webhooks/stripe", headers: { "stripe-signature": signature } };

    const received = await call("POST", "/payments/webhooks/stripe", { ...event, body: payload });
    const redelivered = await call("POST", "/payments/webhooks/stripe", { ...event, body: payload });
    const charges = await call("GET", `/payments/users/${encodeURIComponent(USER)}/charges`, asService());

    expect(received).toEqual({ status: 200, json: { received: true, applied: true } });
    expect(redelivered).toEqual({ status: 200, json: { received: true, applied: false } });
    expect(charges.json.items.map((c: { status: string }) => c.status)).toEqual(["CHARGED_BACK"]);
  });

  it("refuses a webhook whose signature does not verify with 400, changing nothing", async () => {
    const [intent] = [...fake.ledger.charges.keys()];
    const { payload } = fake.webhook("charge.dispute.closed", fake.dispute(intent!, "won"));
    const forged = await call("POST", "/payments/webhooks/stripe", {
      resource: "/payments/webhooks/stripe",
      headers: { "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` },
      body: payload,
    });
    const charges = await call("GET", `/payments/users/${encodeURIComponent(USER)}/charges`, asService());

    expect(forged).toMatchObject({ status: 400, json: { status: 400 } });
    expect(charges.json.items.map((c: { status: string }) => c.status)).toEqual(["CHARGED_BACK"]);
  });

  it("relays what the API committed to the payments stream, in order, keyed by the user; a second run puts nothing", async () => {
    const context = { getRemainingTimeInMillis: () => 60_000 } as Context;

    const first = await relay({}, context);
    const second = await relay({}, context);
    const landed = await readStream(kinesis, STREAM);

    expect([first.relayed, second.relayed]).toEqual([landed.length, 0]);
    expect(new Set(landed.map((record) => record.partitionKey))).toEqual(new Set([USER]));
    const statuses = landed.map((record) => JSON.parse(record.data).payload.status);
    expect(statuses[0]).toBe("confirmed");
    expect(statuses).toContain("CHARGED_BACK");
  });
});
