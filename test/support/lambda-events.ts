import type { DynamoDBRecord, KinesisStreamRecord, SQSRecord } from "aws-lambda";

let sequence = 49_600_000_000_000_000_000n;

/** A record as Lambda delivers it from a Kinesis stream (base64 data, shard-scoped sequence number). */
export function kinesisRecord(
  message: unknown,
  options: { stream?: string; partitionKey?: string; sequenceNumber?: string } = {},
): KinesisStreamRecord {
  sequence += 1n;
  const sequenceNumber = options.sequenceNumber ?? String(sequence);
  const stream = options.stream ?? "test-payments";
  const data = typeof message === "string" ? message : JSON.stringify(message);
  return {
    kinesis: {
      kinesisSchemaVersion: "1.0",
      partitionKey: options.partitionKey ?? "pk",
      sequenceNumber,
      data: Buffer.from(data, "utf8").toString("base64"),
      approximateArrivalTimestamp: 1_795_000_000.123,
    },
    eventSource: "aws:kinesis",
    eventVersion: "1.0",
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: "aws:kinesis:record",
    invokeIdentityArn: "arn:aws:iam::111122223333:role/test-worker",
    awsRegion: "us-east-2",
    eventSourceARN: `arn:aws:kinesis:us-east-2:111122223333:stream/${stream}`,
  };
}

/** A message as Lambda delivers it from an SQS queue. */
export function sqsRecord(
  body: unknown,
  options: { messageId?: string; receiveCount?: number } = {},
): SQSRecord {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  sequence += 1n;
  const messageId = options.messageId ?? `msg-${sequence}`;
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: text,
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: "1795000000000",
      SenderId: "AIDAEXAMPLE",
      ApproximateFirstReceiveTimestamp: "1795000000001",
    },
    messageAttributes: {},
    md5OfBody: "0".repeat(32),
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-2:111122223333:test-user-service-cleanup",
    awsRegion: "us-east-2",
  };
}

export type { DynamoDBRecord };
