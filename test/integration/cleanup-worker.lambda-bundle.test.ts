import { pathToFileURL } from "node:url";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { beforeAll, describe, expect, inject, it, vi } from "vitest";
import { DynamoDbTableStore } from "../../src/platform/adapters/aws/dynamodb-table.store.ts";
import { ensureTables } from "../../src/platform/adapters/aws/dynamodb-tables.ts";
import { lambdaContext } from "../../src/runtime/local/lambda-context.ts";
import { floatSandboxTable } from "../../src/users/adapters/float-service.sandbox.ts";
import { auth0SandboxTable } from "../../src/users/adapters/identity-accounts.sandbox.ts";
import { paymentSandboxTable } from "../../src/users/adapters/payment-service.sandbox.ts";
import { subscriptionSandboxTable } from "../../src/users/adapters/subscription-service.sandbox.ts";
import { transactionsSandboxTable } from "../../src/users/adapters/transactions-service.sandbox.ts";
import { underwritingSandboxTable } from "../../src/users/adapters/underwriting-service.sandbox.ts";
import { userServiceTables } from "../../src/users/adapters/users.tables.ts";
import { builtBundle } from "../support/build-bundles.ts";
import {
  assertTestTarget,
  dynamoDbClientFor,
  dynamoDbDocumentClientFor,
  JAVA_MISSING,
  uniqueTestStage,
} from "../support/dynamodb-local.ts";
import { httpClient } from "../support/http-client.ts";
import { sqsRecord } from "../support/lambda-events.ts";
import { buildTestServices } from "../support/test-services.ts";
import { members } from "../support/worker-fixtures.ts";

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
type Services = Awaited<ReturnType<typeof buildTestServices>>;

const endpoint = inject("dynamodbEndpoint");
/** Nothing listens on port 1: a call there is refused at once. */
const UNREACHABLE = "https://127.0.0.1:1";

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

describe.skipIf(!endpoint)(
  `bundled cleanup-worker Lambda handler on DynamoDB Local ${endpoint ? "" : JAVA_MISSING}`,
  () => {
    const stage = uniqueTestStage();
    let handler: Handler;
    let s: Services;
    const people = members(() => s);
    const invoke = (...Records: SQSEvent["Records"]) =>
      handler({ Records }, lambdaContext("test-user-service-cleanup", 60_000));

    /** A member who closed their account through the API: the cleanup message it queued. */
    async function closed(id: string) {
      await people.active(id);
      const token = await s.token({ kind: "user", id, mfa: true });
      const answer = await httpClient(() => s.app)(`/${encodeURIComponent(id)}/membership/close-account`, {
        method: "POST",
        token,
        body: { reason: "moving" },
      });
      expect(answer.status).toBeLessThan(300);
      const queued = s.cleanup.messages().find((m) => m.message.user_id === id);
      if (!queued) throw new Error(`no cleanup message for ${id}`);
      return queued.message;
    }

    beforeAll(async () => {
      assertTestTarget(stage);
      // The user tables, and the sandboxes' own tables for the API that seeds the members.
      await ensureTables(dynamoDbClientFor(endpoint), stage, [
        ...userServiceTables,
        transactionsSandboxTable,
        subscriptionSandboxTable,
        paymentSandboxTable,
        floatSandboxTable,
        underwritingSandboxTable,
        auth0SandboxTable,
      ]);
      s = await buildTestServices({
        store: (clock) =>
          new DynamoDbTableStore({ client: dynamoDbDocumentClientFor(endpoint), stage, clock }),
      });
      await people.active("auth0|live");
      const bundle = await builtBundle("users-cleanup-worker");
      Object.assign(process.env, {
        STAGE: stage,
        LOG_LEVEL: "INFO",
        AWS_REGION: "us-east-2",
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        DYNAMODB_ENDPOINT: endpoint,
        // Every service the cleanup calls is unreachable: a message that needs one fails.
        TRANSACTIONS_API_URL: UNREACHABLE,
        AUTH0_MANAGEMENT_DOMAIN: "roster-test.auth0.example",
        AUTH0_MANAGEMENT_CLIENT_ID: "test",
        AUTH0_MANAGEMENT_CLIENT_SECRET: "test",
        ARRAY_API_URL: UNREACHABLE,
        ARRAY_API_KEY: "test",
      });
      ({ handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler });
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
      const cancelled = sqsRecord(await closed("auth0|gone"));
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
