import {
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  SOURCELESS_NO_REDRIVE,
  SqsDeadLetterBox,
  type SqsDeadLetterQueue,
  STREAM_NO_REDRIVE,
} from "../../../src/console/adapters/aws/sqs-dead-letter.box.ts";
import type { Operator } from "../../../src/console/domain/operator.ts";
import { deadLettersPage } from "../../../src/console/ui/dead-letters.view.ts";
import { redriveDeadLetter } from "../../../src/console/use-cases/dead-letters/redrive-dead-letter.use-case.ts";
import { ConflictError, ForbiddenError } from "../../../src/platform/errors/app.errors.ts";
import { FAKE_AWS_CREDENTIALS, FAKE_REGION } from "../../fakes/transactions-service.fake.ts";

const account = "123456789012";
const queue = (name: string, kind: "queue" | "stream", source?: string): SqsDeadLetterQueue => ({
  name,
  url: `https://sqs.${FAKE_REGION}.amazonaws.com/${account}/${name}`,
  arn: `arn:aws:sqs:${FAKE_REGION}:${account}:${name}`,
  kind,
  ...(source ? { sourceArn: `arn:aws:sqs:${FAKE_REGION}:${account}:${source}` } : {}),
});
const cleanup = queue("dev-user-service-cleanup-dlq", "queue", "dev-user-service-cleanup");
const schedules = queue("dev-purchase-service-schedules-dlq", "queue");
const feeder = queue("dev-user-service-kinesis-feeder-failures", "stream");
const worker = queue("dev-subscription-service-payments-worker-failures", "stream");

/** Lambda's on-failure record for a Kinesis batch, as the Lambda developer guide documents its fields. */
const kinesisFailure = {
  requestContext: {
    requestId: "c9b8fa9f-5a7f-4e3e-9e1a-000000000001",
    functionArn: `arn:aws:lambda:${FAKE_REGION}:${account}:function:dev-subscription-service-payments-worker`,
    condition: "RetryAttemptsExhausted",
    approximateInvokeCount: 4,
  },
  responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
  version: "1.0",
  timestamp: "2026-11-30T10:00:00.000Z",
  KinesisBatchInfo: {
    shardId: "shardId-000000000001",
    startSequenceNumber: "49600000000000000000000000000000000000000000000000000001",
    endSequenceNumber: "49600000000000000000000000000000000000000000000000000009",
    approximateArrivalOfFirstRecord: "2026-11-30T09:59:00.000Z",
    approximateArrivalOfLastRecord: "2026-11-30T09:59:30.000Z",
    batchSize: 9,
    streamArn: `arn:aws:kinesis:${FAKE_REGION}:${account}:stream/dev-payments`,
  },
};
const dynamoFailure = {
  requestContext: { condition: "RecordAgeExceeded", approximateInvokeCount: 1 },
  responseContext: {},
  timestamp: "2026-11-29T08:00:00.000Z",
  DDBStreamBatchInfo: {
    shardId: "shardId-00000001700000000000-abcdef01",
    startSequenceNumber: "100",
    endSequenceNumber: "150",
    batchSize: 3,
    streamArn: `arn:aws:dynamodb:${FAKE_REGION}:${account}:table/dev-users/stream/2026-01-01T00:00:00.000`,
  },
};

const ada: Operator = { id: "ada", name: "Ada", email: undefined, roles: ["admin"] };
const sam: Operator = { id: "sam", name: "Sam", email: undefined, roles: ["support"] };

describe("the dead letters on AWS (SQS)", () => {
  const client = new SQSClient({ region: FAKE_REGION, credentials: FAKE_AWS_CREDENTIALS });
  const sqs = mockClient(client);
  const box = (queues: SqsDeadLetterQueue[], callsPerQueue = 3, maxMessages = 100) =>
    new SqsDeadLetterBox({ client, queues, callsPerQueue, maxMessages });
  /** The queue answers these messages once, then none. */
  const peekOnce = (of: SqsDeadLetterQueue, answer: { Messages: Message[] }) =>
    sqs.on(ReceiveMessageCommand, { QueueUrl: of.url }).resolvesOnce(answer).resolves({ Messages: [] });
  const receives = (url: string) =>
    sqs.commandCalls(ReceiveMessageCommand).filter((call) => call.args[0].input.QueueUrl === url);

  beforeEach(() => {
    sqs.reset();
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [] });
  });

  it("reads a stream worker's on-failure message as why, how often and which batch, never record data", async () => {
    sqs
      .on(ReceiveMessageCommand, { QueueUrl: worker.url })
      .resolvesOnce({
        Messages: [
          {
            MessageId: "m-1",
            Body: JSON.stringify(kinesisFailure),
            Attributes: { ApproximateReceiveCount: "2", SentTimestamp: "1764496800500" },
          },
        ],
      })
      .resolves({ Messages: [] });
    peekOnce(feeder, {
      Messages: [
        { MessageId: "m-2", Body: JSON.stringify(dynamoFailure), Attributes: { SentTimestamp: "1" } },
      ],
    });
    const { entries, problems } = await box([worker, feeder]).list();
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      {
        id: `stream:${worker.name}:m-1`,
        kind: "stream",
        owner: worker.name,
        source:
          "dev-payments, shardId-000000000001, sequence 49600000000000000000000000000000000000000000000000000001 to 49600000000000000000000000000000000000000000000000000009 (9 records)",
        reason: "RetryAttemptsExhausted",
        error: "Unhandled",
        attempts: 4,
        failedAt: "2026-11-30T10:00:00.000Z",
        eventType: undefined,
        member: undefined,
        redriveRequested: false,
        noRedrive: STREAM_NO_REDRIVE,
      },
      expect.objectContaining({
        id: `stream:${feeder.name}:m-2`,
        source:
          "dev-users (DynamoDB stream), shardId-00000001700000000000-abcdef01, sequence 100 to 150 (3 records)",
        reason: "RecordAgeExceeded",
        error: undefined,
        attempts: 1,
        failedAt: "2026-11-29T08:00:00.000Z",
      }),
    ]);
  });

  it("reads a dead-letter queue's message by its receive count, naming the event and member its JSON names", async () => {
    peekOnce(cleanup, {
      Messages: [
        {
          MessageId: "c-1",
          Body: JSON.stringify({ event_type: "user_deleted", user_id: "auth0|gone" }),
          Attributes: { ApproximateReceiveCount: "5", SentTimestamp: "1764496800000" },
        },
        {
          MessageId: "c-2",
          Body: "not json",
          Attributes: { ApproximateReceiveCount: "3", SentTimestamp: "1" },
        },
      ],
    });
    const { entries } = await box([cleanup]).list();
    expect(entries).toEqual([
      {
        id: `queue:${cleanup.name}`,
        kind: "queue",
        owner: cleanup.name,
        source: "dev-user-service-cleanup",
        reason: "received 5 times",
        error: undefined,
        attempts: 5,
        failedAt: new Date(1764496800000).toISOString(),
        eventType: "user_deleted",
        member: "auth0|gone",
        redriveRequested: false,
        noRedrive: undefined,
      },
      expect.objectContaining({ reason: "received 3 times", eventType: undefined, member: undefined }),
    ]);
  });

  it("peeks without holding anything, in a bounded number of calls, each message once", async () => {
    const message = (id: string) => ({ MessageId: id, Body: "{}", Attributes: { SentTimestamp: "1" } });
    // A full queue: every call answers 10 messages not seen before.
    let served = 0;
    sqs
      .on(ReceiveMessageCommand, { QueueUrl: cleanup.url })
      .callsFake(() => ({ Messages: Array.from({ length: 10 }, () => message(`c-${served++}`)) }));
    sqs.on(ReceiveMessageCommand, { QueueUrl: schedules.url }).resolves({ Messages: [message("same")] });
    const { entries } = await box([cleanup, schedules], 3, 25).list();
    expect(receives(cleanup.url)).toHaveLength(3);
    // The same message again stops the peek: the queue holds no more than it showed.
    expect(receives(schedules.url)).toHaveLength(2);
    for (const call of sqs.commandCalls(ReceiveMessageCommand))
      expect(call.args[0].input).toMatchObject({
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"],
      });
    expect(entries).toHaveLength(25);
  });

  it("lists the queues it can read and names the one it cannot", async () => {
    sqs
      .on(ReceiveMessageCommand, { QueueUrl: schedules.url })
      .rejects(
        Object.assign(new Error("not authorized to perform sqs:ReceiveMessage"), { name: "AccessDenied" }),
      );
    peekOnce(cleanup, {
      Messages: [
        { MessageId: "c-1", Body: "{}", Attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1" } },
      ],
    });
    const listing = await box([schedules, cleanup]).list();
    expect(listing.entries.map((entry) => entry.owner)).toEqual([cleanup.name]);
    expect(listing.problems).toEqual([
      `${schedules.name}: AccessDenied: not authorized to perform sqs:ReceiveMessage`,
    ]);
    const page = String(await deadLettersPage({ operator: ada, csrfToken: "t", ...listing }));
    expect(page).toContain(`${schedules.name}: AccessDenied`);
    expect(page).toContain(`Redrive the ${cleanup.name} queue`);
    expect(page).not.toContain("every worker is keeping up");
  });

  it("redrives a dead-letter queue to its source with StartMessageMoveTask, answering how many wait", async () => {
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: "7" } });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: "handle" });
    expect(await redriveDeadLetter({ deadLetters: box([cleanup]) }, ada, `queue:${cleanup.name}`)).toBe(7);
    expect(sqs.commandCalls(GetQueueAttributesCommand)[0]?.args[0].input).toEqual({
      QueueUrl: cleanup.url,
      AttributeNames: ["ApproximateNumberOfMessages"],
    });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand).map((call) => call.args[0].input)).toEqual([
      { SourceArn: cleanup.arn, DestinationArn: cleanup.sourceArn },
    ]);
  });

  it("refuses a non-admin, an empty queue, an unknown one, and moves nothing", async () => {
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: "0" } });
    const deps = { deadLetters: box([cleanup]) };
    await expect(redriveDeadLetter(deps, sam, `queue:${cleanup.name}`)).rejects.toThrow(ForbiddenError);
    await expect(redriveDeadLetter(deps, ada, `queue:${cleanup.name}`)).rejects.toThrow(/already redriven/);
    await expect(redriveDeadLetter(deps, ada, "queue:dev-nobody-dlq")).rejects.toThrow(/no such dead letter/);
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it("refuses to redrive a stream worker's failure or a queue without a source, saying why (409)", async () => {
    const deps = { deadLetters: box([worker, schedules]) };
    const refused = redriveDeadLetter(deps, ada, `stream:${worker.name}:m-1`);
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toThrow(STREAM_NO_REDRIVE);
    await expect(redriveDeadLetter(deps, ada, `queue:${schedules.name}`)).rejects.toThrow(
      SOURCELESS_NO_REDRIVE,
    );
    expect(sqs.commandCalls(GetQueueAttributesCommand)).toHaveLength(0);
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it("shows no redrive button where there is none to press, and says why", async () => {
    peekOnce(worker, {
      Messages: [
        { MessageId: "m-1", Body: JSON.stringify(kinesisFailure), Attributes: { SentTimestamp: "1" } },
      ],
    });
    peekOnce(schedules, {
      Messages: [
        { MessageId: "s-1", Body: "{}", Attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1" } },
      ],
    });
    const listing = await box([worker, schedules]).list();
    const page = String(await deadLettersPage({ operator: ada, csrfToken: "t", ...listing }));
    expect(page).not.toContain("/console/dead-letters/redrive");
    expect(page).toContain("Replay that range from the stream");
    expect(page).toContain("shardId-000000000001");
    expect(page).toContain("not from a queue they could go back to");
  });
});
