import type {
  APIGatewayProxyEvent,
  AttributeValue,
  DynamoDBRecord,
  KinesisStreamRecord,
  SQSRecord,
} from "aws-lambda";

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

/** A message as Lambda delivers it from an SQS queue; `fifo` adds what a FIFO queue's message carries. */
export function sqsRecord(
  body: unknown,
  options: {
    messageId?: string;
    receiveCount?: number;
    queue?: string;
    fifo?: { groupId: string; deduplicationId: string };
  } = {},
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
      ...(options.fifo
        ? {
            MessageGroupId: options.fifo.groupId,
            MessageDeduplicationId: options.fifo.deduplicationId,
            SequenceNumber: String(sequence),
          }
        : {}),
    },
    messageAttributes: {},
    md5OfBody: "0".repeat(32),
    eventSource: "aws:sqs",
    eventSourceARN: `arn:aws:sqs:us-east-2:111122223333:${options.queue ?? "test-user-service-cleanup"}`,
    awsRegion: "us-east-2",
  };
}

/** DynamoDB's own principal: a stream record of a deletion the table's TTL made carries it. */
export const TTL_DELETION_IDENTITY = { type: "Service", principalId: "dynamodb.amazonaws.com" };

/**
 * A record as Lambda delivers it from a table's DynamoDB stream (NEW_AND_OLD_IMAGES): the images are
 * items as the low-level API answers them (`{ S: ... }`, `{ N: ... }`), as GetItem gives them.
 */
export function dynamoDbStreamRecord(
  eventName: "INSERT" | "MODIFY" | "REMOVE",
  change: {
    table: string;
    keys: Record<string, AttributeValue>;
    newImage?: Record<string, AttributeValue>;
    oldImage?: Record<string, AttributeValue>;
    userIdentity?: typeof TTL_DELETION_IDENTITY;
  },
): DynamoDBRecord {
  sequence += 1n;
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "us-east-2",
    dynamodb: {
      ApproximateCreationDateTime: 1_795_000_000,
      Keys: change.keys,
      ...(change.newImage ? { NewImage: change.newImage } : {}),
      ...(change.oldImage ? { OldImage: change.oldImage } : {}),
      SequenceNumber: String(sequence),
      SizeBytes: 512,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
    ...(change.userIdentity ? { userIdentity: change.userIdentity } : {}),
    eventSourceARN: `arn:aws:dynamodb:us-east-2:111122223333:table/${change.table}/stream/2026-01-01T00:00:00.000`,
  };
}

export interface RestEventOptions {
  readonly query?: Record<string, string>;
  /** A JSON value, or a string sent exactly as given (a webhook's raw body). */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** The caller's IAM ARN, as the gateway sets it after an IAM-authorized call; none on a public route. */
  readonly arn?: string;
  /** The API Gateway resource the request matched (default the root's greedy proxy). */
  readonly resource?: string;
}

/** An API Gateway REST (v1) proxy event as a Lambda integration receives it. */
export function restApiEvent(
  method: string,
  path: string,
  options: RestEventOptions = {},
): APIGatewayProxyEvent {
  const headers = { "content-type": "application/json", host: "api.test", ...options.headers };
  const resource = options.resource ?? "/{proxy+}";
  sequence += 1n;
  return {
    httpMethod: method,
    path,
    resource,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: options.query
      ? Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: resource === "/{proxy+}" ? { proxy: path.slice(1) } : null,
    stageVariables: null,
    body:
      options.body === undefined
        ? null
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: {
      accountId: "111122223333",
      apiId: "test",
      httpMethod: method,
      path: `/test${path}`,
      protocol: "HTTP/1.1",
      requestId: `req-${sequence}`,
      requestTimeEpoch: 0,
      resourceId: "r",
      resourcePath: resource,
      stage: "test",
      authorizer: null,
      identity: { userArn: options.arn ?? null, caller: null, sourceIp: "203.0.113.9" } as never,
    },
  };
}

export type { DynamoDBRecord };
