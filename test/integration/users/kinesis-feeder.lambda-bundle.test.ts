import { createHash } from "node:crypto";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsersStreamRecordSchema } from "../../../src/contracts/users/users.message.ts";
import type { ChangeRecord } from "../../../src/platform/adapters/embedded/change-log.ts";
import { lambdaContext } from "../../../src/platform/adapters/embedded/lambda-context.ts";
import type { SqliteTableStore } from "../../../src/platform/adapters/embedded/sqlite-table.store.ts";
import { usersTable } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { members } from "../../suites/users/worker-fixtures.ts";
import { uniqueTestStage } from "../../support/dynamodb-local.ts";
import { httpClient } from "../../support/http-client.ts";
import { createTestStream, type Kinesalite, readStream, startKinesalite } from "../../support/kinesalite.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";
import { BUNDLE_AWS_ENV, loadBundleHandler } from "../../support/worker-bundle.ts";

type Handler = (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;

const REGION = BUNDLE_AWS_ENV.AWS_REGION;
const stage = uniqueTestStage();
/** The feeder's table and its outbound stream share the name `{stage}-user-service-users` (seed 004). */
const TABLE = `${stage}-user-service-users`;
const STREAM = TABLE;
const STREAM_ARN = `arn:aws:dynamodb:${REGION}:111122223333:table/${TABLE}/stream/2026-11-01T00:00:00.000`;

/** A change of the embedded store's feed as Lambda delivers it from the table's DynamoDB stream. */
function asDelivered(change: ChangeRecord, index: number): DynamoDBRecord {
  const { dynamodb } = change;
  return {
    eventID: createHash("md5").update(`${STREAM_ARN}/${index}`).digest("hex"),
    eventName: change.eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: REGION,
    dynamodb: {
      ApproximateCreationDateTime: dynamodb?.ApproximateCreationDateTime,
      Keys: dynamodb?.Keys,
      ...(dynamodb?.NewImage ? { NewImage: dynamodb.NewImage } : {}),
      ...(dynamodb?.OldImage ? { OldImage: dynamodb.OldImage } : {}),
      SequenceNumber: String(4_421_584_500_000_000_017_450_439_091n + BigInt(index) * 100n),
      SizeBytes: dynamodb?.SizeBytes,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
    eventSourceARN: STREAM_ARN,
  };
}

/** "INSERT USER", "MODIFY USER superseded", "REMOVE PHONE_CLAIM": what a change record is about. */
function kindOf(record: DynamoDBRecord): string {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  const item = image ? unmarshall(image as never) : {};
  const superseded = record.dynamodb?.NewImage && item.superseded_by !== undefined ? " superseded" : "";
  return `${record.eventName} ${String(item.db_type)}${superseded}`;
}

describe("bundled kinesis-feeder Lambda handler against kinesalite", () => {
  const subscriptions = useSubscriptionService();
  const payments = subscriptions.payments;
  let server: Kinesalite;
  let kinesis: KinesisClient;
  let handler: Handler;

  beforeAll(async () => {
    server = await startKinesalite(10);
    kinesis = server.client();
    await createTestStream(kinesis, STREAM, 2);
    handler = await loadBundleHandler<Handler>("users-kinesis-feeder", {
      STAGE: stage,
      LOG_LEVEL: "SILENT",
      USR_KINESIS_STREAM_USERS: STREAM,
      AWS_ENDPOINT_URL_KINESIS: server.endpoint,
    });
  });
  afterAll(async () => {
    kinesis?.destroy();
    await server?.stop();
  });

  it("puts each new USER and MEMBERSHIP version on the users stream, typed by its event_type, keyed by user id", async () => {
    // Two members as the API makes them; Ada then changes her phone twice (the old claim is removed).
    const s = await buildTestServices({ payments: payments.forUsers, subscriptions: subscriptions.forUsers });
    const people = members(() => s, payments);
    await people.active("auth0|ada");
    const token = await s.token({ kind: "user", id: "auth0|ada", mfa: true });
    for (const phone_number of ["5552017788", "5553004000"]) {
      const answer = await httpClient(() => s.app)("/auth0%7Cada/phone", {
        method: "PUT",
        token,
        body: { phone_number },
      });
      expect(answer.status).toBe(200);
    }
    await people.active("auth0|bo");
    const store = s.store as SqliteTableStore;
    const Records = store.changes.read(store.tableName(usersTable), 0, 1000).map(asDelivered);
    expect(Records.map(kindOf)).toEqual(
      expect.arrayContaining([
        "INSERT USER",
        "INSERT MEMBERSHIP",
        "INSERT TAG",
        "MODIFY USER superseded",
        "REMOVE PHONE_CLAIM",
      ]),
    );

    const result = await handler({ Records }, lambdaContext("test-kinesis-feeder", 60_000));

    expect(result).toBeUndefined();
    const landed = (await readStream(kinesis, STREAM)).map(({ partitionKey, data }) => ({
      partitionKey,
      event: UsersStreamRecordSchema.parse(JSON.parse(data)),
    }));
    const of = (userId: string) =>
      landed
        .filter(({ partitionKey }) => partitionKey === userId)
        .map(({ event }) => [event.user_id, event.db_type, event.event_type]);
    expect(of("auth0|ada")).toEqual([
      ["auth0|ada", "USER", "USER_CREATED"],
      ["auth0|ada", "MEMBERSHIP", "ACTIVATE"],
      ["auth0|ada", "USER", "USER_ACTIVE"],
      ["auth0|ada", "USER", "USER_UPDATED"],
      ["auth0|ada", "USER", "USER_UPDATED"],
    ]);
    expect(of("auth0|bo")).toEqual([
      ["auth0|bo", "USER", "USER_CREATED"],
      ["auth0|bo", "MEMBERSHIP", "ACTIVATE"],
      ["auth0|bo", "USER", "USER_ACTIVE"],
    ]);
    expect(landed).toHaveLength(8);
    expect(new Set(landed.map(({ event }) => event.event_id)).size).toBe(8);
    const phones = landed.flatMap(({ event }) =>
      event.db_type === "USER" ? [event.payload.user_phone] : [],
    );
    expect(phones).toContain("5553004000");
  });
});
