import { createHash } from "node:crypto";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DynamoDbTableStore } from "../../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { NotificationLogRepository } from "../../../src/purchases/adapters/dynamodb/notification-log.repository.ts";
import { AppStoreSandbox } from "../../../src/purchases/adapters/sandbox/app-store.sandbox.ts";
import { MemoryAppStoreSandboxState } from "../../../src/purchases/adapters/sandbox/app-store-sandbox.state.ts";
import { GoogleOidcIssuerSandbox } from "../../../src/purchases/adapters/sandbox/google-oidc-issuer.sandbox.ts";
import { pubSubPush } from "../../../src/purchases/adapters/sandbox/play-pubsub-push.builder.ts";
import { startFakeSqs } from "../../fakes/sqs.fake.ts";
import { JAVA_MISSING } from "../../support/dynamodb-local.ts";
import { restApiEvent } from "../../support/lambda-events.ts";
import {
  APPLE_BUNDLE_ID,
  appleTestTrust,
  appleTransactionIds,
  BUNDLE_APPS,
  GOOGLE_PACKAGE,
  purchasesTestStage,
  queueUrl,
} from "../../support/purchases-bundles.ts";
import { loadBundleHandler, withLogs } from "../../support/worker-bundle.ts";

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const endpoint = inject("dynamodbEndpoint");
const AUDIENCE = "https://purchases.roster.test/google/pubsub";
const PUSHER = "play-rtdn-push@roster-test.iam.gserviceaccount.com";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The Purchases API's bundle as API Gateway invokes it, on DynamoDB Local: the stores' pushes verified
 * with the credentials a test stage is given (a test chain's root, pinned; a local OIDC issuer's certs),
 * each recorded once and its fetch put on the FIFO queue (the SQS fake).
 */
describe.skipIf(!endpoint)(`bundled purchases-api Lambda handler ${endpoint ? "" : JAVA_MISSING}`, () => {
  let handler: Handler;
  let store: DynamoDbTableStore;
  let stage: string;
  let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
  let issuer: GoogleOidcIssuerSandbox;
  let trust: Awaited<ReturnType<typeof appleTestTrust>>;
  let appStore: AppStoreSandbox;

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const event = restApiEvent("POST", path, { body, headers, resource: path });
    const { result } = await withLogs(() => handler(event, {} as Context));
    return { status: result.statusCode, json: JSON.parse(result.body) };
  };

  beforeAll(async () => {
    ({ stage, store } = await purchasesTestStage(endpoint));
    [sqs, issuer, trust] = await Promise.all([
      startFakeSqs(),
      GoogleOidcIssuerSandbox.start(),
      appleTestTrust(),
    ]);
    appStore = new AppStoreSandbox({
      state: new MemoryAppStoreSandboxState(),
      signer: trust.signer,
      transactionIds: appleTransactionIds(),
    });
    handler = await loadBundleHandler<Handler>("purchases-api", {
      ...trust.env,
      STAGE: stage,
      LOG_LEVEL: "INFO",
      DYNAMODB_ENDPOINT: endpoint,
      PURCHASES_APPS: BUNDLE_APPS,
      FETCH_QUEUE_URL: queueUrl(stage, "purchases-fetch.fifo"),
      AWS_ENDPOINT_URL_SQS: sqs.server.origin,
      GOOGLE_PUSH_AUDIENCE: AUDIENCE,
      GOOGLE_PUSH_SERVICE_ACCOUNT: PUSHER,
      GOOGLE_PUSH_CERTS_URL: issuer.certsUrl,
      AUTH0_ISSUER: "https://roster-test.auth0.example/",
      AUTH0_AUDIENCE: "https://api.roster.test",
    });
  });

  afterAll(async () => {
    await Promise.all([sqs?.server.close(), issuer?.close()]);
    trust?.remove();
  });

  it("records a signed V2 notification once and queues one fetch of its subscription, grouped by it", async () => {
    const notice = await appStore.buy({
      bundleId: APPLE_BUNDLE_ID,
      productId: "roster.premium.monthly",
      environment: "sandbox",
      periodMs: 30 * 86_400_000,
      now: new Date(),
    });
    const subscriptionId = `apple:${notice.originalTransactionId}`;

    const first = await post("/apple/pubsub", notice.body);
    const again = await post("/apple/pubsub", notice.body);

    expect(first).toEqual({ status: 200, json: { received: true, recorded: true, fetchQueued: true } });
    expect(again).toEqual({ status: 200, json: { received: true, recorded: false, fetchQueued: false } });
    const events = await new NotificationLogRepository(store).listFor(subscriptionId);
    expect(events.map((e) => [e.type, e.notificationId])).toEqual([
      ["SUBSCRIBED.INITIAL_BUY", notice.notificationUUID],
    ]);
    expect(sqs.sent).toEqual([
      {
        QueueUrl: queueUrl(stage, "purchases-fetch.fifo"),
        MessageBody: expect.any(String),
        MessageGroupId: sha256(subscriptionId),
        MessageDeduplicationId: sha256(`apple:${notice.notificationUUID}`),
      },
    ]);
    expect(JSON.parse(sqs.sent[0]?.MessageBody ?? "")).toEqual({
      platform: "apple",
      app: APPLE_BUNDLE_ID,
      environment: "sandbox",
      storeId: notice.originalTransactionId,
      reason: "notification",
      requestId: `apple:${notice.notificationUUID}`,
    });
  });

  it("refuses a V1 body with 400, recording and queueing nothing", async () => {
    const before = sqs.sent.length;

    const v1 = await post("/apple/pubsub", { notification_type: "DID_RENEW", unified_receipt: {} });

    expect(v1.status).toBe(400);
    expect(JSON.stringify(v1.json)).toContain("Version 2");
    expect(sqs.sent).toHaveLength(before);
  });

  it("takes a Pub/Sub push with the local issuer's token (200) and refuses one without a token (401)", async () => {
    const purchaseToken = "bundle-test-purchase-token.AO-J1Oy";
    const push = pubSubPush({
      packageName: GOOGLE_PACKAGE,
      kind: {
        subscriptionNotification: { notificationType: 4, purchaseToken, subscriptionId: "premium" },
      },
      messageId: "pubsub-message-1",
      now: new Date(),
    });
    const token = await issuer.signPushToken({ audience: AUDIENCE, email: PUSHER });
    const before = sqs.sent.length;

    const anonymous = await post("/google/pubsub", push);
    const signed = await post("/google/pubsub", push, { authorization: `Bearer ${token}` });

    expect(anonymous.status).toBe(401);
    expect(signed).toEqual({ status: 200, json: { received: true, recorded: true, fetchQueued: true } });
    const events = await new NotificationLogRepository(store).listFor(`google:${purchaseToken}`);
    expect(events.map((e) => e.notificationId)).toEqual(["pubsub-message-1"]);
    expect(sqs.sent.slice(before).map((m) => m.MessageGroupId)).toEqual([sha256(`google:${purchaseToken}`)]);
  });
});
