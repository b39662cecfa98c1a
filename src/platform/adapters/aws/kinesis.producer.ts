import { type KinesisClient, PutRecordsCommand, type PutRecordsOutput } from "@aws-sdk/client-kinesis";
import {
  type PutRecordResult,
  type StreamProducer,
  StreamPublishError,
  type StreamRecordInput,
} from "../../events/stream-producer.port.ts";

/**
 * PutRecords takes at most 500 records and 5 MiB per request, partition keys included
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html).
 */
export const PUT_RECORDS_MAX_RECORDS = 500;
export const PUT_RECORDS_MAX_BYTES = 5 * 1024 * 1024;

export interface KinesisStreamProducerOptions {
  readonly client: KinesisClient;
  /** Attempts per record, the first included (default 4). Whole failed requests are the SDK's to retry. */
  readonly attempts?: number;
  /** Pauses before each re-send of refused records (default 100, 200, 400 ms; the last one repeats). */
  readonly backoffMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

/** One record as it goes on the wire, with its place in the caller's request. */
interface Pending {
  readonly index: number;
  readonly partitionKey: string;
  readonly data: Uint8Array;
}

/** What a chunk left unput after every attempt, and why. */
interface Leftover {
  readonly notPut: number;
  readonly codes: readonly string[];
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const encoder = new TextEncoder();

/**
 * Puts records on a Kinesis data stream with PutRecords, in chunks within the API's limits, one chunk
 * after the other. PutRecords can take some records of a request and refuse others (`FailedRecordCount`,
 * an `ErrorCode` per refused record, in request order, typically ProvisionedThroughputExceededException):
 * only those are sent again, in their order, after a short pause, up to `attempts`. A chunk that still
 * has refused records ends the put (later chunks are not sent, so no record of a key lands after an
 * earlier one that is missing) with a `StreamPublishError` naming the counts and error codes, never
 * the data. A whole request that fails after the SDK's own retries ends it the same way.
 *
 * Per-key order holds across chunks and when nothing is refused; a refused record sent again lands
 * after the records of its key that were taken in the same request (consumers dedupe on `event_id`
 * and must not rely on order across such a retry).
 */
export class KinesisStreamProducer implements StreamProducer {
  readonly #client: KinesisClient;
  readonly #attempts: number;
  readonly #backoffMs: readonly number[];
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: KinesisStreamProducerOptions) {
    this.#client = options.client;
    this.#attempts = Math.max(1, options.attempts ?? 4);
    this.#backoffMs = options.backoffMs ?? [100, 200, 400];
    this.#sleep = options.sleep ?? wait;
  }

  async put(stream: string, records: readonly StreamRecordInput[]): Promise<readonly PutRecordResult[]> {
    const results: PutRecordResult[] = new Array(records.length);
    const chunks = chunked(
      records.map((record, index) => ({
        index,
        partitionKey: record.partitionKey,
        data: encoder.encode(record.data),
      })),
    );
    for (const [n, chunk] of chunks.entries()) {
      const leftover = await this.#putChunk(stream, chunk, results);
      if (leftover.notPut > 0) {
        const unsent = chunks.slice(n + 1).reduce((sum, later) => sum + later.length, 0);
        throw new StreamPublishError(stream, leftover.notPut + unsent, records.length, leftover.codes);
      }
    }
    return results;
  }

  /** Sends a chunk, re-sending what was refused; fills `results` for every record that was put. */
  async #putChunk(stream: string, chunk: readonly Pending[], results: PutRecordResult[]): Promise<Leftover> {
    let pending = chunk;
    for (let attempt = 1; ; attempt++) {
      let answer: PutRecordsOutput;
      try {
        answer = await this.#client.send(
          new PutRecordsCommand({
            StreamName: stream,
            Records: pending.map((r) => ({ PartitionKey: r.partitionKey, Data: r.data })),
          }),
        );
      } catch (error) {
        return { notPut: pending.length, codes: [error instanceof Error ? error.name : "UnknownError"] };
      }
      const refused = settle(pending, answer, results);
      if (refused.length === 0) return { notPut: 0, codes: [] };
      if (attempt >= this.#attempts) return { notPut: refused.length, codes: refused.map((r) => r.code) };
      await this.#sleep(this.#pause(attempt));
      pending = refused.map((r) => r.record);
    }
  }

  #pause(attempt: number): number {
    return this.#backoffMs[Math.min(attempt, this.#backoffMs.length) - 1] ?? 0;
  }
}

/** Records the results of the records that were put; answers the refused ones, in request order. */
function settle(
  pending: readonly Pending[],
  answer: PutRecordsOutput,
  results: PutRecordResult[],
): { readonly record: Pending; readonly code: string }[] {
  const refused: { record: Pending; code: string }[] = [];
  for (const [i, record] of pending.entries()) {
    const result = answer.Records?.[i];
    if (result?.ShardId && result.SequenceNumber && !result.ErrorCode) {
      results[record.index] = { shardId: result.ShardId, sequenceNumber: result.SequenceNumber };
    } else {
      // A missing entry is refused too: the response must have one per record, in request order.
      refused.push({ record, code: result?.ErrorCode ?? "MissingRecordResult" });
    }
  }
  return refused;
}

/** Splits records, in order, into requests within PutRecords' count and size limits. */
function chunked(records: readonly Pending[]): Pending[][] {
  const chunks: Pending[][] = [];
  let current: Pending[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = record.data.byteLength + Buffer.byteLength(record.partitionKey, "utf8");
    if (
      current.length === PUT_RECORDS_MAX_RECORDS ||
      (current.length > 0 && bytes + size > PUT_RECORDS_MAX_BYTES)
    ) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
