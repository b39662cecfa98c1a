import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeEventBridge } from "../../fakes/eventbridge.fake.ts";
import { startFakeSqs } from "../../fakes/sqs.fake.ts";
import { uniqueTestStage } from "../../support/dynamodb-local.ts";
import { createTestStream, type Kinesalite, readStream, startKinesalite } from "../../support/kinesalite.ts";
import { restApiEvent } from "../../support/lambda-events.ts";
import { S3RVER_CREDENTIALS, type S3rverServer, startS3rver } from "../../support/s3rver.ts";
import { freshDatabase, type TestDatabase } from "../../support/test-database.ts";
import { loadBundleHandler } from "../../support/worker-bundle.ts";

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
type RelayHandler = (event: unknown, context: Context) => Promise<{ relayed: number }>;

const SERVICE_ROLE = "arn:aws:sts::111122223333:assumed-role/test-user-service-api-us-east-2/session";
const USER = "auth0|relayed";
const PLUS = { tier: "plus", tier_version: "v1", term: "MONTHLY", price_cents: 999, currency: "USD" };
const stage = uniqueTestStage();
const STREAM = `${stage}-subscriptions`;
const BUCKET = `${stage}-test-subscription-documents`;
const QUEUE_URL = `https://sqs.us-east-2.amazonaws.com/111122223333/${stage}-subscription-notifications`;
const context = { getRemainingTimeInMillis: () => 300_000 } as Context;

/**
 * The bundled outbox relay as Lambda runs it, against real implementations where there are ones
 * (kinesalite for Kinesis, s3rver for S3) and the SDK's wire protocol for EventBridge and SQS: what an
 * activation committed through the bundled API reaches each of its four destinations, each client
 * loaded by the first run that needs it.
 */
describe("the bundled Subscription Service outbox relay", () => {
  let database: TestDatabase<unknown>;
  let kinesalite: Kinesalite;
  let kinesis: KinesisClient;
  let s3: S3rverServer;
  let s3Client: S3Client;
  let bus: Awaited<ReturnType<typeof startFakeEventBridge>>;
  let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
  let api: ApiHandler;
  let relay: RelayHandler;

  beforeAll(async () => {
    database = await freshDatabase();
    kinesalite = await startKinesalite(10);
    kinesis = kinesalite.client();
    await createTestStream(kinesis, STREAM, 1);
    s3 = await startS3rver();
    s3Client = s3.client();
    await s3.createTestBucket(s3Client, BUCKET);
    bus = await startFakeEventBridge();
    sqs = await startFakeSqs();
    const env = { STAGE: stage, LOG_LEVEL: "SILENT", DATABASE_URL: database.url };
    const migrate = await loadBundleHandler<() => Promise<unknown>>("subscriptions-migrate", env);
    await migrate();
    api = await loadBundleHandler<ApiHandler>("subscriptions-api", {
      ...env,
      IAM_PRINCIPALS: JSON.stringify({
        "arn:aws:sts::111122223333:assumed-role/test-user-service-api-us-east-2/": "service:user-service",
      }),
    });
    relay = await loadBundleHandler<RelayHandler>("subscriptions-outbox-relay", {
      ...env,
      SUBSCRIPTIONS_STREAM_NAME: STREAM,
      EVENT_BUS_NAME: `${stage}-subscription-service-events`,
      DOCUMENTS_BUCKET: BUCKET,
      NOTIFICATIONS_QUEUE_URL: QUEUE_URL,
      AWS_ENDPOINT_URL_KINESIS: kinesalite.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: bus.server.origin,
      AWS_ENDPOINT_URL_SQS: sqs.server.origin,
      // s3rver checks the signature with its own key; the other endpoints take any.
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      // s3rver answers no flexible checksums (s3-object-store.factory.ts).
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
      RELAY_RUN_MS: "0",
      POWERTOOLS_METRICS_DISABLED: "true",
    });
  });

  afterAll(async () => {
    kinesis?.destroy();
    s3Client?.destroy();
    await Promise.all([
      kinesalite?.stop(),
      s3?.stop(),
      bus?.server.close(),
      sqs?.server.close(),
      database?.drop(),
    ]);
  });

  it("puts an activation's stream record, plan snapshot, catalogue event and notice where they go, once", async () => {
    const activated = await api(
      restApiEvent("POST", `/subscriptions/users/${encodeURIComponent(USER)}/subscription`, {
        arn: SERVICE_ROLE,
        body: PLUS,
        headers: { "idempotency-key": "activate-relayed" },
      }),
      {} as Context,
    );
    expect(activated.statusCode).toBe(201);
    const { subscription_id: subscriptionId } = JSON.parse(activated.body) as { subscription_id: string };

    const first = await relay({}, context);
    const second = await relay({}, context);

    const landed = await readStream(kinesis, STREAM);
    expect(landed.map((r) => r.partitionKey)).toEqual([USER]);
    expect(JSON.parse(landed[0]?.data ?? "{}")).toMatchObject({
      event_type: "SubscriptionUpdated",
      payload: { user_id: USER, updated_event: "activated" },
    });
    const listed = await s3Client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual([
      expect.stringContaining(subscriptionId) as unknown as string,
    ]);
    expect(bus.accepted.map((e) => e.DetailType)).toEqual(["UserSubscriptionStarted"]);
    expect(sqs.sent.map((m) => [m.QueueUrl, JSON.parse(m.MessageBody).kind])).toEqual([
      [QUEUE_URL, "subscription_started"],
    ]);
    expect([first.relayed, second.relayed]).toEqual([4, 0]);
  });
});
