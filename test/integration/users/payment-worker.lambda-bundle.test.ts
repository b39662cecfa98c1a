import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import {
  PAYMENT_CHARGED_BACK_EXAMPLE,
  PAYMENT_PROCESSED_V0_EXAMPLE,
} from "../../../src/contracts/payments/payments.message.ts";
import { lambdaContext } from "../../../src/platform/adapters/embedded/lambda-context.ts";
import { uniqueTestStage } from "../../support/dynamodb-local.ts";
import { kinesisRecord } from "../../support/lambda-events.ts";
import { loadBundleHandler, UNREACHABLE, withLogs } from "../../support/worker-bundle.ts";

type Handler = (event: KinesisStreamEvent, context: Context) => Promise<KinesisStreamBatchResponse>;

const payment = (message: unknown) => kinesisRecord(message, { stream: "test-payments" });

describe("bundled payment-worker Lambda handler", () => {
  let handler: Handler;
  const invoke = (...Records: KinesisStreamEvent["Records"]) =>
    handler({ Records }, lambdaContext("test-user-service-payment-worker", 60_000));

  beforeAll(async () => {
    const { result, logs } = await withLogs(() =>
      loadBundleHandler<Handler>("users-payment-worker", {
        STAGE: uniqueTestStage(),
        LOG_LEVEL: "INFO",
        // Growthbook's first load at cold start is refused at once and given up after the timeout; flag
        // reads then answer 503. The User Service API is never reached while no flag can be read.
        GROWTHBOOK_API_HOST: UNREACHABLE,
        GROWTHBOOK_CLIENT_KEY: "sdk-test",
        GROWTHBOOK_TIMEOUT_MS: "200",
        USER_SERVICE_API_URL: UNREACHABLE,
      }),
    );
    handler = result;
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: "WARN",
        message: "Growthbook could not be loaded at start; reads answer 503 until it is",
      }),
    );
  });

  it("takes a confirmed payment without calling anyone: no batch item failure", async () => {
    const confirmed = payment(PAYMENT_PROCESSED_V0_EXAMPLE);

    const { result, logs } = await withLogs(() => invoke(confirmed));

    expect(result).toEqual({ batchItemFailures: [] });
    expect(logs).toContainEqual(
      expect.objectContaining({
        message: "payment event skipped",
        sequenceNumber: confirmed.kinesis.sequenceNumber,
        status: "confirmed",
      }),
    );
  });

  it("reports a malformed record and a chargeback it could not act on by sequence number, not the confirmed one", async () => {
    const confirmed = payment(PAYMENT_PROCESSED_V0_EXAMPLE);
    const malformed = payment("{not json");
    const chargedBack = payment(PAYMENT_CHARGED_BACK_EXAMPLE);

    const { result, logs } = await withLogs(() => invoke(confirmed, malformed, chargedBack));

    expect(result).toEqual({
      batchItemFailures: [
        { itemIdentifier: malformed.kinesis.sequenceNumber },
        { itemIdentifier: chargedBack.kinesis.sequenceNumber },
      ],
    });
    const failed = logs.filter((entry) => entry.message === "payment event failed");
    expect(failed.map((entry) => [entry.sequenceNumber, entry.reason])).toEqual([
      [malformed.kinesis.sequenceNumber, expect.stringContaining("is not JSON")],
      [chargedBack.kinesis.sequenceNumber, expect.stringContaining("Growthbook could not be reached")],
    ]);
  });
});
