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

const GROWTHBOOK_DOWN = "Growthbook could not be loaded when connecting; reads answer 503 until it is";

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
        // Growthbook's SDK connects on the first flag read (a chargeback's): refused at once and given up
        // after the timeout, flag reads answer 503. The User Service API is never reached while no flag
        // can be read.
        GROWTHBOOK_API_HOST: UNREACHABLE,
        GROWTHBOOK_CLIENT_KEY: "sdk-test",
        GROWTHBOOK_TIMEOUT_MS: "200",
        USER_SERVICE_API_URL: UNREACHABLE,
      }),
    );
    handler = result;
    // The cold start itself reads no flag, so it does not try Growthbook.
    expect(logs.map((entry) => entry.message)).not.toContain(GROWTHBOOK_DOWN);
  });

  it("takes a confirmed payment without calling anyone: no batch item failure", async () => {
    const confirmed = payment(PAYMENT_PROCESSED_V0_EXAMPLE);

    const { result, logs } = await withLogs(() => invoke(confirmed));

    expect(result).toEqual({ batchItemFailures: [] });
    expect(logs.map((entry) => entry.message)).not.toContain(GROWTHBOOK_DOWN);
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
    // The chargeback's flag read is the first: it loads the SDK and tries Growthbook.
    expect(logs).toContainEqual(expect.objectContaining({ level: "WARN", message: GROWTHBOOK_DOWN }));
    const failed = logs.filter((entry) => entry.message === "payment event failed");
    expect(failed.map((entry) => [entry.sequenceNumber, entry.reason])).toEqual([
      [malformed.kinesis.sequenceNumber, expect.stringContaining("is not JSON")],
      [chargedBack.kinesis.sequenceNumber, expect.stringContaining("Growthbook could not be reached")],
    ]);
  });
});
