import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandInput,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { type QueueSendError, SqsQueueSender } from "../../../src/platform/adapters/aws/sqs.sender.ts";
import { FAKE_AWS_CREDENTIALS, FAKE_REGION } from "../../fakes/transactions-service.fake.ts";

const queueUrl = "https://sqs.us-east-2.amazonaws.com/123456789012/test-user-service-cleanup";
const bodies = (count: number, prefix = "body") =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ user_id: `auth0|${prefix}-${i}` }));

/** Answers each entry as sent, except those whose body the test refuses with the given failure. */
const answering =
  (refuse: (body: string) => { Code: string; SenderFault: boolean } | undefined) =>
  (input: SendMessageBatchCommandInput) => {
    const entries = input.Entries ?? [];
    const refused = entries.flatMap((e) => {
      const failure = refuse(e.MessageBody ?? "");
      return failure ? [{ Id: e.Id, ...failure, Message: `refused ${e.MessageBody}` }] : [];
    });
    const failedIds = new Set(refused.map((f) => f.Id));
    return {
      Successful: entries
        .filter((e) => !failedIds.has(e.Id))
        .map((e) => ({ Id: e.Id, MessageId: `message-${e.Id}`, MD5OfMessageBody: "ignored" })),
      Failed: refused,
    };
  };

describe("the SQS queue sender", () => {
  const client = new SQSClient({ region: FAKE_REGION, credentials: FAKE_AWS_CREDENTIALS });
  const sqs = mockClient(client);
  const pauses: number[] = [];
  const sender = new SqsQueueSender({ client, sleep: async (ms) => void pauses.push(ms) });
  const batches = () =>
    sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries ?? []);

  beforeEach(() => {
    sqs.reset();
    pauses.length = 0;
  });

  it("sends 23 bodies in batches of 10, 10 and 3, to the queue, with ids unique in each batch", async () => {
    sqs.on(SendMessageBatchCommand).callsFake(answering(() => undefined));
    const input = bodies(23);

    await sender.sendBatch(queueUrl, input);

    expect(batches().map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.QueueUrl).toBe(queueUrl);
    expect(batches().flatMap((entries) => entries.map((e) => e.MessageBody))).toEqual(input);
    for (const entries of batches()) expect(new Set(entries.map((e) => e.Id)).size).toBe(entries.length);
  });

  it("keeps a batch within 256 KiB of bodies", async () => {
    sqs.on(SendMessageBatchCommand).callsFake(answering(() => undefined));

    await sender.sendBatch(
      queueUrl,
      bodies(5).map((b) => b.padEnd(100_000, " ")),
    );

    expect(batches().map((entries) => entries.length)).toEqual([2, 2, 1]);
  });

  it("sends again only the entries that failed for the service's fault", async () => {
    let throttled = 0;
    sqs
      .on(SendMessageBatchCommand)
      .callsFake(
        answering((body) =>
          (body.includes("-3") || body.includes("-7")) && throttled++ < 2
            ? { Code: "InternalError", SenderFault: false }
            : undefined,
        ),
      );

    await sender.sendBatch(queueUrl, bodies(10));

    expect(batches().map((entries) => entries.map((e) => e.MessageBody))).toEqual([
      bodies(10),
      [bodies(10)[3], bodies(10)[7]],
    ]);
    expect(pauses).toEqual([100]);
  });

  it("does not send again an entry refused for the sender's fault, and names counts and codes but no body", async () => {
    sqs
      .on(SendMessageBatchCommand)
      .callsFake(
        answering((body) =>
          body.includes("secret") ? { Code: "InvalidMessageContents", SenderFault: true } : undefined,
        ),
      );
    const input = [...bodies(3), JSON.stringify({ email: "ada-secret@example.com" })];

    const sending = sender.sendBatch(queueUrl, input);

    await expect(sending).rejects.toThrow(
      "1 of 4 messages were not sent with SendMessageBatch (InvalidMessageContents)",
    );
    const error = (await sending.catch((e: unknown) => e)) as QueueSendError;
    expect(error).toMatchObject({ name: "QueueSendError", failed: 1, total: 4 });
    expect(error.message).not.toContain("example.com");
    expect(batches()).toHaveLength(1);
  });

  it("gives up on entries the service keeps refusing after its attempts", async () => {
    sqs
      .on(SendMessageBatchCommand)
      .callsFake(
        answering((body) =>
          body.includes("-1") ? { Code: "ServiceUnavailable", SenderFault: false } : undefined,
        ),
      );

    await expect(sender.sendBatch(queueUrl, bodies(4))).rejects.toThrow(
      "1 of 4 messages were not sent with SendMessageBatch (ServiceUnavailable)",
    );
    expect(batches().map((entries) => entries.length)).toEqual([4, 1, 1]);
    expect(pauses).toEqual([100, 200]);
  });

  it("counts a whole request the service refuses, and the batches after it, as not sent", async () => {
    sqs
      .on(SendMessageBatchCommand)
      .callsFakeOnce(answering(() => undefined))
      .rejects(Object.assign(new Error("no such queue"), { name: "QueueDoesNotExist" }));

    await expect(sender.sendBatch(queueUrl, bodies(25))).rejects.toThrow(
      "15 of 25 messages were not sent with SendMessageBatch (QueueDoesNotExist)",
    );
    expect(batches()).toHaveLength(2);
  });

  it("sends a lone body with SendMessage", async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: "message-1" });

    await sender.sendBatch(queueUrl, bodies(1));

    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: queueUrl,
      MessageBody: bodies(1)[0],
    });
    expect(batches()).toEqual([]);
  });

  it("sends nothing for no bodies", async () => {
    await sender.sendBatch(queueUrl, []);
    expect(sqs.calls()).toHaveLength(0);
  });
});
