import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { attachRequestCounter } from "../../../src/platform/adapters/aws/dynamodb-request-counter.ts";
import {
  createDocumentClient,
  DynamoDbTableStore,
} from "../../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { ensureTables } from "../../../src/platform/adapters/aws/dynamodb-tables.ts";
import { physicalTableName } from "../../../src/platform/store/table-spec.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import {
  assertTestTarget,
  dynamoDbClientFor,
  dynamoDbDocumentClientFor,
  JAVA_MISSING,
  uniqueTestStage,
} from "../../support/dynamodb-local.ts";
import { CONTRACT_START, contractTables, tableStoreContract } from "./table-store.contract.ts";

const endpoint = inject("dynamodbEndpoint");
const { things, people } = contractTables;

async function freshStage(client: DynamoDBClient): Promise<string> {
  const stage = uniqueTestStage();
  assertTestTarget(stage);
  await ensureTables(client, stage, Object.values(contractTables));
  return stage;
}

describe.skipIf(!endpoint)(endpoint ? "DynamoDB adapter" : `DynamoDB adapter: ${JAVA_MISSING}`, () => {
  let client: DynamoDBClient;
  let documents: DynamoDBDocumentClient;
  beforeAll(() => {
    client = dynamoDbClientFor(endpoint);
    documents = createDocumentClient(client);
  });
  afterAll(() => client?.destroy());

  tableStoreContract("DynamoDB (DynamoDB Local)", async (clock) => {
    const stage = await freshStage(client);
    return new DynamoDbTableStore({ client: documents, stage, clock });
  });

  describe("ensureTables", () => {
    it("creates the keys, indexes, stream and TTL the specs declare, and can run again", async () => {
      const stage = await freshStage(client);
      await ensureTables(client, stage, Object.values(contractTables));

      const { Table: table } = await client.send(
        new DescribeTableCommand({ TableName: physicalTableName(stage, things) }),
      );
      const { TimeToLiveDescription: ttl } = await client.send(
        new DescribeTimeToLiveCommand({ TableName: physicalTableName(stage, things) }),
      );
      const { Table: peopleTable } = await client.send(
        new DescribeTableCommand({ TableName: physicalTableName(stage, people) }),
      );

      expect(table?.KeySchema).toEqual([
        { AttributeName: "PK", KeyType: "HASH" },
        { AttributeName: "SK", KeyType: "RANGE" },
      ]);
      expect(table?.GlobalSecondaryIndexes).toEqual([
        expect.objectContaining({
          IndexName: "GSI1",
          KeySchema: [
            { AttributeName: "GSI1PK", KeyType: "HASH" },
            { AttributeName: "GSI1SK", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        }),
      ]);
      expect(table?.StreamSpecification).toEqual({
        StreamEnabled: true,
        StreamViewType: "NEW_AND_OLD_IMAGES",
      });
      expect(ttl).toEqual({ TimeToLiveStatus: "ENABLED", AttributeName: "expires_at" });
      expect(peopleTable?.GlobalSecondaryIndexes?.map((index) => index.KeySchema)).toEqual([
        [{ AttributeName: "email", KeyType: "HASH" }],
      ]);
      expect(peopleTable?.StreamSpecification).toBeUndefined();
    });
  });

  describe("request counter", () => {
    it("counts a Put, a Get, a Query and a TransactWrite, and starts again on reset", async () => {
      const stage = await freshStage(client);
      const counted = dynamoDbDocumentClientFor(endpoint);
      const counter = attachRequestCounter(counted);
      const store = new DynamoDbTableStore({
        client: counted,
        stage,
        clock: new ManualClock(CONTRACT_START),
      });

      await store.put(things, { PK: "U#1", SK: "A" });
      await store.get(things, { PK: "U#1", SK: "A" });
      await store.query(things, { partition: "U#1" });
      await store.transactWrite([{ put: { table: people, item: { id: "p1" } } }]);

      expect(counter.counts()).toEqual({ PutItem: 1, GetItem: 1, Query: 1, TransactWriteItems: 1 });
      counter.reset();
      expect(counter.counts()).toEqual({});
      counted.destroy();
    });
  });

  describe("beyond the contract", () => {
    it("answers a key asked twice in one batch get twice, as the embedded store does", async () => {
      const stage = await freshStage(client);
      const store = new DynamoDbTableStore({
        client: documents,
        stage,
        clock: new ManualClock(CONTRACT_START),
      });
      await store.put(people, { id: "p1" });
      expect(await store.batchGet(people, [{ id: "p1" }, { id: "p2" }, { id: "p1" }])).toEqual([
        { id: "p1" },
        { id: "p1" },
      ]);
    });

    it("keeps collecting past expired items so that a page is full and the cursor exact", async () => {
      const stage = await freshStage(client);
      const clock = new ManualClock(CONTRACT_START);
      const store = new DynamoDbTableStore({ client: documents, stage, clock });
      const past = Math.floor(clock.now().getTime() / 1000) - 1;
      for (const sk of ["A", "B", "C", "D", "E"]) {
        await store.put(things, { PK: "U#1", SK: sk, ...(sk < "D" ? { expires_at: past } : {}) });
      }
      const first = await store.query(things, { partition: "U#1", limit: 1 });
      const second = await store.query(things, {
        partition: "U#1",
        limit: 1,
        ...(first.cursor ? { cursor: first.cursor } : {}),
      });
      expect([first.items.map((i) => i.SK), second.items.map((i) => i.SK)]).toEqual([["D"], ["E"]]);
      expect(first.cursor).toBeDefined();
      expect(second.cursor).toBeUndefined();
    });
  });
});

describe("request counter without a server", () => {
  it("counts every HTTP attempt, retries included", async () => {
    const answers = [500, 500, 200];
    const client = new DynamoDBClient({
      region: "us-east-2",
      endpoint: "http://127.0.0.1:9",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      requestHandler: {
        handle: async () => {
          const statusCode = answers.shift() ?? 200;
          const body =
            statusCode === 200
              ? "{}"
              : JSON.stringify({ __type: "InternalServerError", message: "try again" });
          return {
            response: {
              statusCode,
              headers: { "content-type": "application/x-amz-json-1.0" },
              body: Buffer.from(body),
            },
          };
        },
        updateHttpClientConfig: () => {},
        httpHandlerConfigs: () => ({}),
      },
    });
    const counter = attachRequestCounter(client);

    await client.send(new GetItemCommand({ TableName: "test-t", Key: { id: { S: "x" } } }));

    expect(counter.counts()).toEqual({ GetItem: 3 });
    client.destroy();
  });
});
