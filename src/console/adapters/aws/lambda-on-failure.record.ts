/**
 * What Lambda sends a stream event source mapping's on-failure queue when it gives a batch up (AWS
 * Lambda developer guide, "Retain discarded batch records"): the invocation's request context (why:
 * `condition`, how often: `approximateInvokeCount`), its response context (`functionError`) and the
 * batch's pointer, `KinesisBatchInfo` or `DDBStreamBatchInfo` (shard, first and last sequence number,
 * size, arrival times, stream ARN). It holds no record data: the batch is replayed from the stream.
 */
export interface OnFailureRecord {
  readonly condition: string;
  readonly functionError: string | undefined;
  readonly invokeCount: number;
  /** When Lambda gave up, else undefined (the message's sent time stands in). */
  readonly timestamp: string | undefined;
  readonly batch: {
    readonly streamArn: string;
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    readonly batchSize: number | undefined;
  };
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const object = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/** The on-failure record a message body holds, or undefined when it is something else. */
export function parseOnFailureRecord(json: unknown): OnFailureRecord | undefined {
  const body = object(json);
  const request = object(body.requestContext);
  const response = object(body.responseContext);
  const info = object(body.KinesisBatchInfo ?? body.DDBStreamBatchInfo);
  const condition = text(request.condition);
  const streamArn = text(info.streamArn);
  const shardId = text(info.shardId);
  if (condition === undefined || streamArn === undefined || shardId === undefined) return undefined;
  const timestamp = text(body.timestamp);
  return {
    condition,
    functionError: text(response.functionError),
    invokeCount: typeof request.approximateInvokeCount === "number" ? request.approximateInvokeCount : 0,
    timestamp: timestamp !== undefined && !Number.isNaN(Date.parse(timestamp)) ? timestamp : undefined,
    batch: {
      streamArn,
      shardId,
      startSequenceNumber: text(info.startSequenceNumber) ?? "?",
      endSequenceNumber: text(info.endSequenceNumber) ?? "?",
      batchSize: typeof info.batchSize === "number" ? info.batchSize : undefined,
    },
  };
}

/**
 * A stream's name from its ARN: a Kinesis stream's (`…:stream/<name>`), a DynamoDB table's change
 * feed by its table (`…:table/<table>/stream/<label>`).
 */
export function streamNameOf(arn: string): string {
  const table = /:table\/([^/]+)\/stream\//.exec(arn);
  if (table) return `${table[1]} (DynamoDB stream)`;
  const stream = /:stream\/([^/]+)/.exec(arn);
  return stream?.[1] ?? arn;
}

/** Where the batch is, for an engineer replaying it: stream, shard and sequence range. */
export function batchPointer(record: OnFailureRecord): string {
  const { batch } = record;
  const size = batch.batchSize === undefined ? "" : ` (${batch.batchSize} records)`;
  return `${streamNameOf(batch.streamArn)}, ${batch.shardId}, sequence ${batch.startSequenceNumber} to ${batch.endSequenceNumber}${size}`;
}
