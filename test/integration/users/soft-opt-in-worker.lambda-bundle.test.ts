import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SOFT_OPT_IN_EXAMPLE } from "../../../src/contracts/purchases/soft-opt-in.message.ts";
import { DynamoDbTableStore } from "../../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { lambdaContext } from "../../../src/platform/adapters/embedded/lambda-context.ts";
import { systemClock } from "../../../src/platform/time/clock.port.ts";
import { ConsentStoreRepository } from "../../../src/users/adapters/dynamodb/consent-store.repository.ts";
import { UserStoreRepository } from "../../../src/users/adapters/dynamodb/user-store.repository.ts";
import { userServiceTables } from "../../../src/users/adapters/dynamodb/users.tables.ts";
import { signUp } from "../../../src/users/domain/user.ts";
import { startFakeEventBridge } from "../../fakes/eventbridge.fake.ts";
import { ensureTestTables } from "../../suites/users/dynamodb-test-services.ts";
import { dynamoDbDocumentClientFor, JAVA_MISSING, uniqueTestStage } from "../../support/dynamodb-local.ts";
import { sqsRecord } from "../../support/lambda-events.ts";
import { loadBundleHandler, withLogs } from "../../support/worker-bundle.ts";

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const endpoint = inject("dynamodbEndpoint");
const USER = "auth0|soft-opt-in-grace";

/**
 * The User Service's soft opt-in worker as Lambda runs it on the Purchases service's queue: a user made
 * through the User Service's repositories on DynamoDB Local, the consent recorded on the users table,
 * its ConsentRecorded event on the bus (the EventBridge fake).
 */
describe.skipIf(!endpoint)(
  `bundled users-soft-opt-in-worker Lambda handler ${endpoint ? "" : JAVA_MISSING}`,
  () => {
    const stage = uniqueTestStage();
    let handler: Handler;
    let store: DynamoDbTableStore;
    let bus: Awaited<ReturnType<typeof startFakeEventBridge>>;
    const invoke = async (...Records: SQSEvent["Records"]) =>
      (await withLogs(() => handler({ Records }, lambdaContext("test-user-service-soft-opt-ins", 60_000))))
        .result;

    beforeAll(async () => {
      await ensureTestTables(endpoint, stage, userServiceTables);
      store = new DynamoDbTableStore({
        client: dynamoDbDocumentClientFor(endpoint),
        stage,
        clock: systemClock,
      });
      const { user, startTag } = signUp(
        USER,
        { user_email: "grace@example.com", user_phone: "5552017788" },
        new Date(),
      );
      await new UserStoreRepository(store).create(user, startTag, "USER_CREATED");
      bus = await startFakeEventBridge();
      handler = await loadBundleHandler<Handler>("users-soft-opt-in-worker", {
        STAGE: stage,
        LOG_LEVEL: "INFO",
        DYNAMODB_ENDPOINT: endpoint,
        EVENT_BUS_NAME: `${stage}-user-service-events`,
        AWS_ENDPOINT_URL_EVENTBRIDGE: bus.server.origin,
      });
    });

    afterAll(async () => {
      await bus?.server.close();
    });

    it("records an acquisition of a known user as a soft_opt_in_in_app_purchase consent, once, and publishes it", async () => {
      const acquisition = {
        ...SOFT_OPT_IN_EXAMPLE,
        message_id: `acquisition:apple:2000000123456789:${USER}`,
        user_id: USER,
        occurred_at: "2026-11-20T08:00:00.000Z",
      };

      const first = await invoke(sqsRecord(acquisition, { queue: `${stage}-purchases-soft-opt-ins` }));
      const again = await invoke(sqsRecord(acquisition, { queue: `${stage}-purchases-soft-opt-ins` }));

      expect([first, again]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
      const consents = await new ConsentStoreRepository(store).listByUser(USER, { limit: 10 });
      expect(consents.items).toEqual([
        expect.objectContaining({
          user_id: USER,
          consent_key: "soft_opt_in_in_app_purchase",
          item_id: "apple:2000000123456789",
          agreement_timestamp: "2026-11-20T08:00:00.000Z",
          agreement_app_version: "apple-store",
        }),
      ]);
      expect(bus.accepted.map((e) => [e.EventBusName, e.DetailType])).toEqual([
        [`${stage}-user-service-events`, "ConsentRecorded"],
      ]);
    });
  },
);
