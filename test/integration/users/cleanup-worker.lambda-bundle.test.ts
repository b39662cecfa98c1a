import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { lambdaContext } from "../../../src/platform/adapters/embedded/lambda-context.ts";
import type { buildTestServices } from "../../../src/users/wiring/test-services.ts";
import { testServicesOnDynamoDb } from "../../suites/users/dynamodb-test-services.ts";
import { members } from "../../suites/users/worker-fixtures.ts";
import { JAVA_MISSING, uniqueTestStage } from "../../support/dynamodb-local.ts";
import { sqsRecord } from "../../support/lambda-events.ts";
import { useSubscriptionService } from "../../support/subscription-service.ts";
import { loadBundleHandler, UNREACHABLE, withLogs } from "../../support/worker-bundle.ts";

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
type Services = Awaited<ReturnType<typeof buildTestServices>>;

const endpoint = inject("dynamodbEndpoint");

describe.skipIf(!endpoint)(
  `bundled cleanup-worker Lambda handler on DynamoDB Local ${endpoint ? "" : JAVA_MISSING}`,
  () => {
    const stage = uniqueTestStage();
    let handler: Handler;
    let s: Services;
    const subscriptions = useSubscriptionService();
    const payments = subscriptions.payments;
    const people = members(() => s, payments);
    const invoke = (...Records: SQSEvent["Records"]) =>
      handler({ Records }, lambdaContext("test-user-service-cleanup", 60_000));

    beforeAll(async () => {
      s = await testServicesOnDynamoDb(endpoint, stage, payments.forUsers, subscriptions.forUsers);
      await people.active("auth0|live");
      handler = await loadBundleHandler<Handler>("users-cleanup-worker", {
        STAGE: stage,
        LOG_LEVEL: "INFO",
        DYNAMODB_ENDPOINT: endpoint,
        // Every service the cleanup calls is unreachable: a message that needs one fails.
        TRANSACTIONS_API_URL: UNREACHABLE,
        AUTH0_MANAGEMENT_DOMAIN: "roster-test.auth0.example",
        AUTH0_MANAGEMENT_CLIENT_ID: "test",
        AUTH0_MANAGEMENT_CLIENT_SECRET: "test",
        ARRAY_API_URL: UNREACHABLE,
        ARRAY_API_KEY: "test",
      });
    });

    it("leaves a member whose membership is live alone, calling no one: no failure", async () => {
      const stale = sqsRecord({
        user_id: "auth0|live",
        reason: "CANCEL",
        requested_at: "2026-01-01T00:00:00.000Z",
      });

      const { result, logs } = await withLogs(() => invoke(stale));

      expect(result).toEqual({ batchItemFailures: [] });
      expect(logs).toContainEqual(
        expect.objectContaining({
          message: "account cleanup skipped",
          messageId: stale.messageId,
          reason: "membership-live-again",
        }),
      );
    });

    it("returns a malformed message and one whose Plaid removal failed, by message id", async () => {
      const cancelled = sqsRecord(await people.closed("auth0|gone"));
      const malformed = sqsRecord({ user_id: "auth0|gone", reason: "NOPE" });
      const live = sqsRecord({
        user_id: "auth0|live",
        reason: "CANCEL",
        requested_at: "2026-01-01T00:00:00.000Z",
      });

      const { result, logs } = await withLogs(() => invoke(cancelled, malformed, live));

      expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
        [cancelled.messageId, malformed.messageId].sort(),
      );
      const failed = logs.filter((entry) => entry.message === "account cleanup failed");
      expect(failed.map((entry) => [entry.messageId, entry.reason])).toEqual(
        expect.arrayContaining([
          [
            cancelled.messageId,
            "UnavailableError: the Transactions Service could not be reached; try again later",
          ],
          [malformed.messageId, expect.stringContaining("does not match its schema")],
        ]),
      );
      expect(failed).toHaveLength(2);
    });
  },
);
