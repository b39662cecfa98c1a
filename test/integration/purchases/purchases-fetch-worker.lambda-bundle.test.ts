import { createHash, generateKeyPairSync, randomUUID } from "node:crypto";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DynamoDbTableStore } from "../../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { lambdaContext } from "../../../src/platform/adapters/embedded/lambda-context.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { NotificationLogRepository } from "../../../src/purchases/adapters/dynamodb/notification-log.repository.ts";
import { PurchaseStoreRepository } from "../../../src/purchases/adapters/dynamodb/purchase-store.repository.ts";
import { AppStoreSandbox } from "../../../src/purchases/adapters/sandbox/app-store.sandbox.ts";
import { MemoryAppStoreSandboxState } from "../../../src/purchases/adapters/sandbox/app-store-sandbox.state.ts";
import { AppStoreServerLoopback } from "../../../src/purchases/adapters/sandbox/app-store-server.loopback.ts";
import type { FetchRequest } from "../../../src/purchases/domain/fetch-request.ts";
import { startFakeSecretsManager } from "../../fakes/secrets-manager.fake.ts";
import { startFakeSqs } from "../../fakes/sqs.fake.ts";
import { JAVA_MISSING } from "../../support/dynamodb-local.ts";
import { sqsRecord } from "../../support/lambda-events.ts";
import {
  APPLE_BUNDLE_ID,
  appleTestTrust,
  appleTransactionIds,
  BUNDLE_APPS,
  purchasesTestStage,
  queueUrl,
} from "../../support/purchases-bundles.ts";
import { loadBundleHandler, withLogs } from "../../support/worker-bundle.ts";

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const endpoint = inject("dynamodbEndpoint");
const APP_STORE_KEY_ARN =
  "arn:aws:secretsmanager:us-east-2:111122223333:secret:test/purchases/app-store-key-AbCdEf";
const GOOGLE_ACCOUNT_ARN =
  "arn:aws:secretsmanager:us-east-2:111122223333:secret:test/purchases/google-service-account-GhIjKl";
const KEY = { keyId: "ROSTERBUNDLE", issuerId: "5a1f0e2c-7d3b-4c8e-9f6a-2b1c0d9e8f7a" };
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A fetch request as the FIFO queue delivers it: grouped by its subscription, deduplicated by its request. */
function fetchRecord(storeId: string) {
  const request: FetchRequest = {
    platform: "apple",
    app: APPLE_BUNDLE_ID,
    environment: "sandbox",
    storeId,
    reason: "notification",
    requestId: `apple:${randomUUID()}`,
  };
  return sqsRecord(request, {
    queue: "test-purchases-fetch.fifo",
    fifo: { groupId: sha256(`apple:${storeId}`), deduplicationId: sha256(request.requestId) },
  });
}

/**
 * The fetch worker's bundle on DynamoDB Local: its store keys read at cold start from Secrets Manager
 * (a loopback fake of its JSON protocol), the App Store Server API answered by the sandbox's loopback
 * (a test stage's base URL), its signed answers verified with the test chain's pinned root.
 */
describe.skipIf(!endpoint)(
  `bundled purchases-fetch-worker Lambda handler ${endpoint ? "" : JAVA_MISSING}`,
  () => {
    let handler: Handler;
    let store: DynamoDbTableStore;
    let trust: Awaited<ReturnType<typeof appleTestTrust>>;
    let loopback: AppStoreServerLoopback;
    let secrets: Awaited<ReturnType<typeof startFakeSecretsManager>>;
    let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
    let appStore: AppStoreSandbox;

    const invoke = async (...Records: SQSEvent["Records"]) =>
      (
        await withLogs(() =>
          handler({ Records }, lambdaContext("test-purchase-service-fetch-worker", 60_000)),
        )
      ).result;
    const buy = async () =>
      (
        await appStore.buy({
          bundleId: APPLE_BUNDLE_ID,
          productId: "roster.premium.monthly",
          environment: "sandbox",
          periodMs: 30 * 86_400_000,
          now: new Date(),
        })
      ).originalTransactionId as string;

    beforeAll(async () => {
      const { stage, store: onStage } = await purchasesTestStage(endpoint);
      store = onStage;
      trust = await appleTestTrust();
      const state = new MemoryAppStoreSandboxState();
      appStore = new AppStoreSandbox({ state, signer: trust.signer, transactionIds: appleTransactionIds() });
      const apiKey = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const pem = (key: typeof apiKey.privateKey) => key.export({ type: "pkcs8", format: "pem" }) as string;
      [loopback, secrets, sqs] = await Promise.all([
        AppStoreServerLoopback.start({
          state,
          signer: trust.signer,
          clock: systemClock,
          ...KEY,
          publicKey: apiKey.publicKey,
        }),
        startFakeSecretsManager({
          [APP_STORE_KEY_ARN]: JSON.stringify({ ...KEY, privateKey: pem(apiKey.privateKey) }),
          // A key of the right shape: no test here fetches from Google Play.
          [GOOGLE_ACCOUNT_ARN]: JSON.stringify({
            type: "service_account",
            client_email: "play-api@roster-test.iam.gserviceaccount.com",
            private_key: pem(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey),
          }),
        }),
        startFakeSqs(),
      ]);
      handler = await loadBundleHandler<Handler>("purchases-fetch-worker", {
        ...trust.env,
        STAGE: stage,
        LOG_LEVEL: "INFO",
        DYNAMODB_ENDPOINT: endpoint,
        PURCHASES_APPS: BUNDLE_APPS,
        FETCH_QUEUE_URL: queueUrl(stage, "purchases-fetch.fifo"),
        APP_STORE_KEY_SECRET_ARN: APP_STORE_KEY_ARN,
        GOOGLE_SERVICE_ACCOUNT_SECRET_ARN: GOOGLE_ACCOUNT_ARN,
        APP_STORE_API_BASE_URL: loopback.origin,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.server.origin,
        AWS_ENDPOINT_URL_SQS: sqs.server.origin,
      });
    });

    afterAll(async () => {
      await Promise.all([loopback?.close(), secrets?.server.close(), sqs?.server.close()]);
      trust?.remove();
    });

    it("reads both store keys once at cold start, then stores what the App Store answers", async () => {
      const storeId = await buy();

      const answer = await invoke(fetchRecord(storeId));

      expect(answer).toEqual({ batchItemFailures: [] });
      expect(secrets.read.sort()).toEqual([APP_STORE_KEY_ARN, GOOGLE_ACCOUNT_ARN].sort());
      expect(await new PurchaseStoreRepository(store).get(`apple:${storeId}`)).toMatchObject({
        platform: "apple",
        storeId,
        app: APPLE_BUNDLE_ID,
        environment: "sandbox",
        productId: "roster.premium.monthly",
        state: "ACTIVE",
        autoRenew: true,
        version: 1,
      });
    });

    it("returns a fetch the App Store answered 503 to for a retry, and is done with one it answered 404 (FETCH_FAILED)", async () => {
      const unavailableStoreId = await buy();
      const unavailable = fetchRecord(unavailableStoreId);
      const unknownId = appleTransactionIds(2_000_000_999_000_000).next();
      const unknown = fetchRecord(unknownId);
      loopback.failNext(503, 1, unavailableStoreId); // the two are fetched side by side

      const answer = await invoke(unavailable, unknown);

      expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: unavailable.messageId }] });
      const purchases = new PurchaseStoreRepository(store);
      const unavailableId = `apple:${JSON.parse(unavailable.body).storeId}`;
      expect(await purchases.get(unavailableId)).toBeUndefined();
      const events = await new NotificationLogRepository(store).listFor(`apple:${unknownId}`);
      expect(events).toEqual([expect.objectContaining({ type: "FETCH_FAILED", outcome: "record" })]);
      expect(await purchases.get(`apple:${unknownId}`)).toBeUndefined();
    });
  },
);
