import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { Context, KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  SUBSCRIPTION_PAUSE_RESUME_EXAMPLE,
  SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE,
} from "../../../src/contracts/subscriptions/subscriptions.message.ts";
import { lambdaContext } from "../../../src/platform/adapters/embedded/lambda-context.ts";
import { idempotencyTable } from "../../../src/platform/idempotency/idempotency.table.ts";
import { physicalTableName } from "../../../src/platform/store/table-spec.ts";
import type { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { startFakeEventBridge } from "../../fakes/eventbridge.fake.ts";
import { testServicesOnDynamoDb } from "../../suites/users/dynamodb-test-services.ts";
import { members } from "../../suites/users/worker-fixtures.ts";
import {
  assertTestTarget,
  dynamoDbClientFor,
  JAVA_MISSING,
  uniqueTestStage,
} from "../../support/dynamodb-local.ts";
import { kinesisRecord } from "../../support/lambda-events.ts";
import { LoopbackServer } from "../../support/loopback-server.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";
import { loadBundleHandler } from "../../support/worker-bundle.ts";

type Handler = (event: KinesisStreamEvent, context: Context) => Promise<unknown>;
type Services = Awaited<ReturnType<typeof buildTestServices>>;

const endpoint = inject("dynamodbEndpoint");
const USER = "auth0|ada";
const BUS = "test-user-service.api";

const skipped = kinesisRecord(
  {
    ...SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE,
    payload: { ...SUBSCRIPTION_PAUSE_SKIPPED_EXAMPLE.payload, user_id: USER },
  },
  { stream: "test-subscriptions", partitionKey: USER },
);
const resumed = kinesisRecord(
  {
    ...SUBSCRIPTION_PAUSE_RESUME_EXAMPLE,
    payload: { ...SUBSCRIPTION_PAUSE_RESUME_EXAMPLE.payload, user_id: USER },
  },
  { stream: "test-subscriptions", partitionKey: USER },
);

describe.skipIf(!endpoint)(
  `bundled subscriptions-worker Lambda handler on DynamoDB Local ${endpoint ? "" : JAVA_MISSING}`,
  () => {
    const stage = uniqueTestStage();
    let handler: Handler;
    let s: Services;
    let segment: LoopbackServer;
    let bus: Awaited<ReturnType<typeof startFakeEventBridge>>;
    const subscriptions = useSubscriptionService();
    const payments = subscriptions.payments;
    const people = members(() => s, payments);
    const invoke = (...records: KinesisStreamRecord[]) =>
      handler({ Records: records }, lambdaContext("test-user-service-subscriptions", 60_000));
    /** The track calls Segment received, in the order it received them. */
    const tracked = () =>
      segment.received.flatMap((r) => (JSON.parse(r.body) as { batch: Record<string, unknown>[] }).batch);
    const timeline = async () =>
      (await people.timeline(USER)).map((r) => [r.membership_status, r.membership_event_type]);

    beforeAll(async () => {
      assertTestTarget(BUS);
      segment = await LoopbackServer.start(async () => ({ status: 200, body: { success: true } }));
      bus = await startFakeEventBridge();
      // A member who asked for a pause, through the API on the same tables, an hour ago.
      s = await testServicesOnDynamoDb(endpoint, stage, payments.forUsers, subscriptions.forUsers);
      s.clock.set(new Date(Date.now() - 3_600_000));
      await people.pausing(USER);
      expect((await people.user(USER)).tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({
        tag_value: "SUB_PENDING_PAUSE",
      });

      handler = await loadBundleHandler<Handler>("users-subscriptions-worker", {
        STAGE: stage,
        LOG_LEVEL: "SILENT",
        DYNAMODB_ENDPOINT: endpoint,
        EVENT_BUS_NAME: BUS,
        AWS_ENDPOINT_URL_EVENTBRIDGE: bus.server.origin,
        SEGMENT_WRITE_KEY: "test-write-key",
        SEGMENT_HOST: segment.origin,
        METRICS_NAMESPACE: "RosterTest",
      });
    });
    afterAll(async () => {
      await segment?.close();
      await bus?.server.close();
    });

    it("pause-skipped then pause-resume: the membership is paused, then back in good standing, one Segment call", async () => {
      expect(await invoke(skipped)).toBeUndefined();
      expect(await invoke(resumed)).toBeUndefined();

      expect(await timeline()).toEqual([
        ["", "SUB_RESUMED"],
        ["SUB_PAUSED", "PAUSE_COLLECTION_SKIPPED"],
        ["SUB_PENDING_PAUSE", "SUB_PAUSED"],
        ["SUB_ACTIVE", "ACTIVATE"],
      ]);
      const [current] = await people.timeline(USER);
      expect(current).toMatchObject({
        membership_event_source: "service:subscriptions-worker",
        membership_unpause_date: SUBSCRIPTION_PAUSE_RESUME_EXAMPLE.payload.unpause_date,
      });
      expect((await people.user(USER)).tags.MEMBERSHIP_PAUSE_STATUS).toMatchObject({
        tag_value: "SUB_RESUMED",
        tag_archived: true,
      });
      expect(tracked()).toEqual([
        expect.objectContaining({
          type: "track",
          messageId: SUBSCRIPTION_PAUSE_RESUME_EXAMPLE.event_id,
          userId: USER,
          event: "user-membership-unpause",
          properties: {
            email: "auth0ada@example.com",
            unpause_date: SUBSCRIPTION_PAUSE_RESUME_EXAMPLE.payload.unpause_date,
          },
        }),
      ]);
      const published = bus.accepted.filter((e) => e.DetailType === "MembershipChanged");
      expect(published.map((e) => [e.EventBusName, JSON.parse(e.Detail).membership_event_type])).toEqual([
        [BUS, "PAUSE_COLLECTION_SKIPPED"],
        [BUS, "SUB_RESUMED"],
      ]);
    });

    it("a redelivered pause-resume writes nothing and calls Segment no second time: its idempotency record answers", async () => {
      const before = await timeline();

      expect(await invoke(resumed)).toBeUndefined();

      expect(await timeline()).toEqual(before);
      expect(tracked().filter((m) => m.event === "user-membership-unpause")).toHaveLength(1);
      const { Items = [] } = await dynamoDbClientFor(endpoint).send(
        new ScanCommand({ TableName: physicalTableName(stage, idempotencyTable), ConsistentRead: true }),
      );
      const records = Items.map((item) => unmarshall(item));
      expect(records).toHaveLength(2);
      for (const record of records) {
        expect(record).toMatchObject({ id: expect.stringMatching(/^user-service-subscriptions#/) });
        expect(record.status).toBe("COMPLETED");
        expect(record.expiration).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
      }
    });

    it("fails the whole batch when one record is malformed, without repeating what already took effect", async () => {
      const before = await timeline();
      const malformed = kinesisRecord("{not json", { stream: "test-subscriptions", partitionKey: USER });

      const failing = invoke(resumed, malformed);

      await expect(failing).rejects.toThrow("1 of 2 subscription records failed");
      await expect(failing).rejects.toMatchObject({ name: "SubscriptionBatchFailedError" });
      expect(await timeline()).toEqual(before);
      expect(tracked().filter((m) => m.event === "user-membership-unpause")).toHaveLength(1);
    });
  },
);
