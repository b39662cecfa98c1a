import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DynamoDbTableStore } from "../../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { lambdaContext } from "../../../src/platform/adapters/embedded/lambda-context.ts";
import { PurchaseStoreRepository } from "../../../src/purchases/adapters/dynamodb/purchase-store.repository.ts";
import { subscriptionsTable } from "../../../src/purchases/adapters/dynamodb/purchases.tables.ts";
import { UserLinkStoreRepository } from "../../../src/purchases/adapters/dynamodb/user-link.repository.ts";
import { type Purchase, retentionEnd } from "../../../src/purchases/domain/purchase.ts";
import { startFakeSqs } from "../../fakes/sqs.fake.ts";
import { dynamoDbClientFor, JAVA_MISSING } from "../../support/dynamodb-local.ts";
import { dynamoDbStreamRecord, TTL_DELETION_IDENTITY } from "../../support/lambda-events.ts";
import {
  APPLE_BUNDLE_ID,
  appleTransactionIds,
  BUNDLE_APPS,
  purchasesTestStage,
  queueUrl,
} from "../../support/purchases-bundles.ts";
import { loadBundleHandler, withLogs } from "../../support/worker-bundle.ts";

type Handler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
type Image = NonNullable<NonNullable<DynamoDBStreamEvent["Records"][number]["dynamodb"]>["NewImage"]>;

const endpoint = inject("dynamodbEndpoint");
const DAY = 86_400_000;

/**
 * The subscriptions table's change-feed worker as Lambda runs it, on DynamoDB Local: stream records
 * carry the items as the table stores them (read back with GetItem), and what it sends lands on the SQS
 * fake's soft opt-in and snapshot queues.
 */
describe.skipIf(!endpoint)(
  `bundled purchases-subscription-changes Lambda handler ${endpoint ? "" : JAVA_MISSING}`,
  () => {
    let handler: Handler;
    let stage: string;
    let store: DynamoDbTableStore;
    let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
    const ids = appleTransactionIds();
    const optInQueue = () => queueUrl(stage, "purchases-soft-opt-ins");
    const snapshotQueue = () => queueUrl(stage, "purchases-snapshots");
    const bodiesOn = (queue: string) =>
      sqs.sent.filter((m) => m.QueueUrl === queue).map((m) => JSON.parse(m.MessageBody));

    const invoke = async (...Records: DynamoDBStreamEvent["Records"]) =>
      (
        await withLogs(() =>
          handler({ Records }, lambdaContext("test-purchase-service-subscription-changes", 60_000)),
        )
      ).result;

    /** A subscription stored by a fetch, with its users linked; answers the item as the table holds it. */
    async function storedWithLinks(expiresAt: Date, userIds: readonly string[]) {
      const now = new Date();
      const storeId = ids.next();
      const purchase: Purchase = {
        subscriptionId: `apple:${storeId}`,
        platform: "apple",
        storeId,
        app: APPLE_BUNDLE_ID,
        environment: "sandbox",
        productId: "roster.premium.monthly",
        state: expiresAt > now ? "ACTIVE" : "EXPIRED",
        startAt: new Date(expiresAt.getTime() - 30 * DAY),
        expiresAt,
        autoRenew: expiresAt > now,
        freeTrial: false,
        ownership: "PURCHASED",
        signedAt: now,
        fetchedAt: now,
        version: 1,
      };
      const links = new UserLinkStoreRepository(store);
      for (const userId of userIds)
        await links.link({ userId, subscriptionId: purchase.subscriptionId, source: "link", createdAt: now });
      await new PurchaseStoreRepository(store).save(purchase, undefined);
      const key = { subscriptionId: { S: purchase.subscriptionId } };
      const { Item } = await dynamoDbClientFor(endpoint).send(
        new GetItemCommand({ TableName: store.tableName(subscriptionsTable), Key: key }),
      );
      return { purchase, key, item: Item as Image, linkedAt: now };
    }

    beforeAll(async () => {
      ({ stage, store } = await purchasesTestStage(endpoint));
      sqs = await startFakeSqs();
      handler = await loadBundleHandler<Handler>("purchases-subscription-changes", {
        STAGE: stage,
        LOG_LEVEL: "INFO",
        DYNAMODB_ENDPOINT: endpoint,
        PURCHASES_APPS: BUNDLE_APPS,
        SOFT_OPT_IN_QUEUE_URL: optInQueue(),
        SNAPSHOT_QUEUE_URL: snapshotQueue(),
        AWS_ENDPOINT_URL_SQS: sqs.server.origin,
      });
    });

    afterAll(async () => {
      await sqs?.server.close();
    });

    it("sends a first write's acquisition for the user linked before it, and its snapshot", async () => {
      const { purchase, key, item, linkedAt } = await storedWithLinks(new Date(Date.now() + 29 * DAY), [
        "auth0|bundle-ada",
      ]);
      const insert = dynamoDbStreamRecord("INSERT", {
        table: store.tableName(subscriptionsTable),
        keys: key,
        newImage: item,
      });

      const answer = await invoke(insert);

      expect(answer).toEqual({ batchItemFailures: [] });
      expect(bodiesOn(optInQueue())).toEqual([
        {
          message_id: `acquisition:${purchase.subscriptionId}:auth0|bundle-ada`,
          event_type: "Acquisition",
          user_id: "auth0|bundle-ada",
          subscription_id: purchase.subscriptionId,
          platform: "apple",
          product_name: "InAppPurchase",
          occurred_at: linkedAt.toISOString(),
        },
      ]);
      expect(bodiesOn(snapshotQueue())).toEqual([
        expect.objectContaining({
          subscriptionId: purchase.subscriptionId,
          version: 1,
          snapshotDate: purchase.fetchedAt.toISOString().slice(0, 10),
        }),
      ]);
    });

    it("severs a subscription the table's TTL deleted: a cancellation for each of its three users, the links gone", async () => {
      const users = ["auth0|bundle-bob", "auth0|bundle-cy", "auth0|bundle-di"];
      const expired = await storedWithLinks(new Date(Date.now() - 31 * 30 * DAY), users);
      await store.delete(subscriptionsTable, { subscriptionId: expired.purchase.subscriptionId });
      const removal = dynamoDbStreamRecord("REMOVE", {
        table: store.tableName(subscriptionsTable),
        keys: expired.key,
        oldImage: expired.item,
        userIdentity: TTL_DELETION_IDENTITY,
      });
      const before = sqs.sent.length;

      const answer = await invoke(removal);

      expect(answer).toEqual({ batchItemFailures: [] });
      const sent = sqs.sent.slice(before).map((m) => [m.QueueUrl, JSON.parse(m.MessageBody)]);
      expect(sent).toEqual(
        users.map((userId) => [
          optInQueue(),
          expect.objectContaining({
            event_type: "Cancellation",
            user_id: userId,
            subscription_id: expired.purchase.subscriptionId,
            occurred_at: retentionEnd(expired.purchase.expiresAt).toISOString(),
          }),
        ]),
      );
      expect(await new UserLinkStoreRepository(store).usersOf(expired.purchase.subscriptionId)).toEqual([]);
    });
  },
);
