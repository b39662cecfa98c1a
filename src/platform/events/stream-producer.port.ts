/**
 * Puts records on a Kinesis-style stream: Kinesis on AWS (`KinesisStreamProducer`), the durable
 * SQLite streams of the local runtime (`SqliteStreams`). Both keep one contract:
 *
 * - `put` takes any number of records and answers, in request order, where each landed (its shard and
 *   sequence number). Records with one partition key land on one shard, in the order put.
 * - It either puts every record or throws `StreamPublishError` naming how many of how many were not put
 *   (after retrying those the service refused); records put before the failure stay put, so a caller
 *   that repeats the whole call may duplicate some (consumers dedupe on the envelope's `event_id`).
 * - `data` is the record's bytes as UTF-8 text (JSON of one of `src/users/messages/`); it is never logged.
 */
export interface StreamProducer {
  put(stream: string, records: readonly StreamRecordInput[]): Promise<readonly PutRecordResult[]>;
}

export interface StreamRecordInput {
  readonly partitionKey: string;
  readonly data: string;
}

export interface PutRecordResult {
  readonly shardId: string;
  readonly sequenceNumber: string;
}

export class StreamPublishError extends Error {
  override readonly name: string = "StreamPublishError";
  readonly failed: number;
  readonly total: number;

  constructor(stream: string, failed: number, total: number, codes: readonly string[]) {
    const which = codes.length > 0 ? ` (${[...new Set(codes)].join(", ")})` : "";
    super(`${failed} of ${total} records were not put on ${stream}${which}`);
    this.failed = failed;
    this.total = total;
  }
}
