import { SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it } from "vitest";
import { UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { SqsCleanupQueue } from "../../../src/users/adapters/sqs/cleanup-queue.sqs.ts";
import { CleanupMessageSchema } from "../../../src/users/messages/cleanup.message.ts";
import { TEST_NOW } from "../../../src/users/wiring/test-services.ts";
import { startFakeSqs } from "../../fakes/sqs.fake.ts";
import { FAKE_AWS_CREDENTIALS, FAKE_REGION } from "../../fakes/transactions-service.fake.ts";

type Fake = Awaited<ReturnType<typeof startFakeSqs>>;

describe("the SQS cleanup queue against a loopback SQS", () => {
  let fake: Fake | undefined;
  const queueUrl = "https://sqs.us-east-2.amazonaws.com/123456789012/test-user-service-cleanup";
  const queueFor = (f: Fake) =>
    new SqsCleanupQueue({
      client: new SQSClient({
        region: FAKE_REGION,
        endpoint: f.server.origin,
        credentials: FAKE_AWS_CREDENTIALS,
        maxAttempts: 1,
      }),
      queueUrl,
    });
  const message = { user_id: "auth0|ada", reason: "CANCEL" as const, requested_at: TEST_NOW };

  afterEach(async () => {
    await fake?.server.close();
  });

  it("sends one SendMessage to the configured queue with the message as JSON", async () => {
    fake = await startFakeSqs();
    await queueFor(fake).send(message);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]?.QueueUrl).toBe(queueUrl);
    expect(CleanupMessageSchema.parse(JSON.parse(fake.sent[0]?.MessageBody ?? ""))).toEqual(message);
  });

  it("answers UnavailableError naming the operation when SQS refuses", async () => {
    fake = await startFakeSqs(() => "QueueDoesNotExist");
    const sending = queueFor(fake).send(message);
    await expect(sending).rejects.toBeInstanceOf(UnavailableError);
    await expect(sending).rejects.toThrow(/SendMessage/);
    expect(fake.sent).toEqual([]);
  });
});
