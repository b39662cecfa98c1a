import { pathToFileURL } from "node:url";
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { lambdaContext } from "../../src/runtime/local/lambda-context.ts";
import {
  PAYMENT_CHARGED_BACK_EXAMPLE,
  PAYMENT_PROCESSED_V0_EXAMPLE,
} from "../../src/users/messages/payments.message.ts";
import { builtBundle } from "../support/build-bundles.ts";
import { uniqueTestStage } from "../support/dynamodb-local.ts";
import { kinesisRecord } from "../support/lambda-events.ts";

type Handler = (event: KinesisStreamEvent, context: Context) => Promise<KinesisStreamBatchResponse>;

/** Nothing listens on port 1: a call there is refused at once. */
const UNREACHABLE = "https://127.0.0.1:1";
const payment = (message: unknown) => kinesisRecord(message, { stream: "test-payments" });

/** Runs `act`, keeping what the bundle logged meanwhile (Powertools writes JSON lines to stdout and stderr). */
async function withLogs<T>(act: () => Promise<T>): Promise<{ result: T; logs: Record<string, unknown>[] }> {
  const lines: string[] = [];
  const keep = ((chunk: unknown) => lines.push(String(chunk)) > 0) as typeof process.stdout.write;
  const spies = [vi.spyOn(process.stdout, "write"), vi.spyOn(process.stderr, "write")];
  for (const spy of spies) spy.mockImplementation(keep);
  try {
    const result = await act();
    const logs = lines
      .flatMap((chunk) => chunk.split("\n"))
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    return { result, logs };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe("bundled payment-worker Lambda handler", () => {
  let handler: Handler;
  const invoke = (...Records: KinesisStreamEvent["Records"]) =>
    handler({ Records }, lambdaContext("test-user-service-payment-worker", 60_000));

  beforeAll(async () => {
    const bundle = await builtBundle("users-payment-worker");
    Object.assign(process.env, {
      STAGE: uniqueTestStage(),
      LOG_LEVEL: "INFO",
      AWS_REGION: "us-east-2",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      // Growthbook's first load at cold start is refused at once and given up after the timeout; flag
      // reads then answer 503. The User Service API is never reached while no flag can be read.
      GROWTHBOOK_API_HOST: UNREACHABLE,
      GROWTHBOOK_CLIENT_KEY: "sdk-test",
      GROWTHBOOK_TIMEOUT_MS: "200",
      USER_SERVICE_API_URL: UNREACHABLE,
    });
    const { result, logs } = await withLogs(() => import(pathToFileURL(bundle).href));
    ({ handler } = result as { handler: Handler });
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
