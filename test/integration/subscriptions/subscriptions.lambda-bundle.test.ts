import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, KinesisStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueTestStage } from "../../support/dynamodb-local.ts";
import { kinesisRecord, type RestEventOptions, restApiEvent } from "../../support/lambda-events.ts";
import { freshDatabase, type TestDatabase } from "../../support/test-database.ts";
import { loadBundleHandler, UNREACHABLE } from "../../support/worker-bundle.ts";

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
type MigrateHandler = () => Promise<{ applied: string[] }>;
type RunHandler<R> = (event: unknown, context: Context) => Promise<R>;
type WorkerHandler = (
  event: KinesisStreamEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const SERVICE_ROLE = "arn:aws:sts::111122223333:assumed-role/test-user-service-api-us-east-2/session";
const USER = "auth0|ada";
const stage = uniqueTestStage();
const context = { getRemainingTimeInMillis: () => 300_000 } as Context;

/**
 * The Subscription Service's six bundles as Lambda runs them, on a fresh database: the migration, the
 * API with API Gateway REST events (IAM callers mapped by IAM_PRINCIPALS), the billing run and the
 * relay with nothing due, and the two stream workers reporting a record that does not parse.
 */
describe("bundled Subscription Service Lambda handlers", () => {
  let database: TestDatabase<unknown>;
  let migrate: MigrateHandler;
  let api: ApiHandler;
  const env = () => ({ STAGE: stage, LOG_LEVEL: "SILENT", DATABASE_URL: database.url });

  const call = async (method: string, path: string, options: RestEventOptions = {}) => {
    const result = await api(restApiEvent(method, path, options), {} as Context);
    return { status: result.statusCode, json: JSON.parse(result.body) };
  };

  beforeAll(async () => {
    database = await freshDatabase();
    migrate = await loadBundleHandler<MigrateHandler>("subscriptions-migrate", env());
    api = await loadBundleHandler<ApiHandler>("subscriptions-api", {
      ...env(),
      IAM_PRINCIPALS: JSON.stringify({
        "arn:aws:sts::111122223333:assumed-role/test-user-service-api-us-east-2/": "service:user-service",
      }),
    });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("migrates the schema once, and the API answers /health on it", async () => {
    expect((await migrate()).applied.length).toBeGreaterThan(0);
    expect(await migrate()).toEqual({ applied: [] });
    const health = await call("GET", "/health");
    expect([health.status, health.json.stores]).toEqual([
      200,
      { "subscriptions-postgres": { status: "ok" } },
    ]);
  });

  it("answers the User Service's mapped role, and 401 to a request without an IAM caller", async () => {
    const path = `/subscriptions/${encodeURIComponent(USER)}/status`;
    const anonymous = await call("GET", path);
    const service = await call("GET", path, { arn: SERVICE_ROLE });

    expect(anonymous.status).toBe(401);
    expect(service).toMatchObject({ status: 404, json: { detail: "this user has no subscription" } });
  });

  it("runs the billing run with nothing due: one batch, no charge, no follow-up", async () => {
    const run = await loadBundleHandler<RunHandler<unknown>>("subscriptions-billing-run", {
      ...env(),
      PAYMENT_API_URL: `${UNREACHABLE}/payments`,
      USER_API_URL: UNREACHABLE,
      POWERTOOLS_METRICS_DISABLED: "true",
    });

    expect(await run({}, context)).toEqual({ batches: 1, claimed: 0, delivered: 0 });
  });

  it("relays an empty outbox without calling Kinesis, EventBridge, S3 or SQS", async () => {
    const relay = await loadBundleHandler<RunHandler<{ relayed: number }>>("subscriptions-outbox-relay", {
      ...env(),
      SUBSCRIPTIONS_STREAM_NAME: `${stage}-subscriptions`,
      EVENT_BUS_NAME: `${stage}-subscription-service-events`,
      DOCUMENTS_BUCKET: `${stage}-subscription-service-documents`,
      NOTIFICATIONS_QUEUE_URL: `https://sqs.us-east-2.amazonaws.com/111122223333/${stage}-subscription-notifications`,
      AWS_ENDPOINT_URL_KINESIS: UNREACHABLE,
      AWS_ENDPOINT_URL_SQS: UNREACHABLE,
      AWS_ENDPOINT_URL_S3: UNREACHABLE,
      AWS_ENDPOINT_URL_EVENTBRIDGE: UNREACHABLE,
      RELAY_RUN_MS: "0",
      POWERTOOLS_METRICS_DISABLED: "true",
    });

    expect(await relay({}, context)).toEqual({ relayed: 0 });
  });

  it.each([
    ["subscriptions-payments-worker", `${stage}-payments`],
    ["subscriptions-users-worker", `${stage}-user-service-users`],
  ])("%s reports a record that does not parse by its sequence number", async (bundle, stream) => {
    const worker = await loadBundleHandler<WorkerHandler>(bundle, env());
    const record = kinesisRecord("not json", { stream, sequenceNumber: "42" });

    const answer = await worker({ Records: [record] }, context);

    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: "42" }] });
  });
});
