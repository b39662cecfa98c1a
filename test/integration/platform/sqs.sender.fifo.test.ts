import { SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it } from "vitest";
import { SqsQueueSender } from "../../../src/platform/adapters/aws/sqs.sender.ts";
import { startFakeSqs } from "../../fakes/sqs.fake.ts";
import { FAKE_AWS_CREDENTIALS, FAKE_REGION } from "../../fakes/transactions-service.fake.ts";

type Fake = Awaited<ReturnType<typeof startFakeSqs>>;

const queueUrl = "https://sqs.us-east-2.amazonaws.com/123456789012/test-purchases-fetch.fifo";
const entries = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    body: JSON.stringify({ n: i }),
    groupId: `group-${i % 3}`,
    deduplicationId: `request-${i}`,
  }));

describe("the SQS queue sender's FIFO entries, on the wire to a loopback SQS", () => {
  let fake: Fake | undefined;
  const senderFor = (f: Fake) =>
    new SqsQueueSender({
      client: new SQSClient({
        region: FAKE_REGION,
        endpoint: f.server.origin,
        credentials: FAKE_AWS_CREDENTIALS,
        maxAttempts: 1,
      }),
    });

  afterEach(async () => {
    await fake?.server.close();
  });

  it("sends 23 entries in order, in batches of 10, 10 and 3, each with its MessageGroupId and MessageDeduplicationId", async () => {
    fake = await startFakeSqs();
    const input = entries(23);

    await senderFor(fake).sendEntries(queueUrl, input);

    expect(fake.batches).toEqual([10, 10, 3]);
    expect(fake.sent).toEqual(
      input.map((entry) => ({
        QueueUrl: queueUrl,
        MessageBody: entry.body,
        MessageGroupId: entry.groupId,
        MessageDeduplicationId: entry.deduplicationId,
      })),
    );
  });

  it("sends a lone entry with SendMessage, its ids with it", async () => {
    fake = await startFakeSqs();

    await senderFor(fake).sendEntries(queueUrl, entries(1));

    expect(fake.batches).toEqual([]);
    expect(fake.sent).toEqual([
      {
        QueueUrl: queueUrl,
        MessageBody: '{"n":0}',
        MessageGroupId: "group-0",
        MessageDeduplicationId: "request-0",
      },
    ]);
  });

  it("still sends bodies to a standard queue without FIFO ids", async () => {
    fake = await startFakeSqs();
    const standardUrl = "https://sqs.us-east-2.amazonaws.com/123456789012/test-user-service-cleanup";

    await senderFor(fake).sendBatch(standardUrl, ["a", "b"]);

    expect(fake.sent).toEqual([
      { QueueUrl: standardUrl, MessageBody: "a" },
      { QueueUrl: standardUrl, MessageBody: "b" },
    ]);
  });
});
