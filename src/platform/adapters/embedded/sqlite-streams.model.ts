import { createHash } from "node:crypto";
import type { KinesisStreamRecord } from "aws-lambda";

export interface StreamDefinition {
  readonly name: string;
  readonly shards: number;
  readonly retentionHours: number;
}

/** A row of `stream_records`. */
export interface Row {
  seq: number;
  shard: number;
  partition_key: string;
  data: string;
  arrived_at: number;
}

const REGION = "local";
const SEQUENCE_DIGITS = 21;
const HASH_SPACE = 1n << 128n;
// Kinesis limits a partition key to 256 characters (PutRecords API reference).
const MAX_PARTITION_KEY = 256;
// 1 MiB per record, data and partition key together (Kinesis quotas).
const MAX_RECORD_BYTES = 1024 * 1024;

/** The shard a partition key maps to: MD5 as a 128-bit number, scaled onto equal hash-key ranges. */
export function shardOf(partitionKey: string, shards: number): number {
  const hash = BigInt(`0x${createHash("md5").update(partitionKey, "utf8").digest("hex")}`);
  return Number((hash * BigInt(shards)) / HASH_SPACE);
}

export function shardId(index: number): string {
  return `shardId-${String(index).padStart(12, "0")}`;
}

export function streamArn(stream: string): string {
  return `arn:aws:kinesis:${REGION}:000000000000:stream/${stream}`;
}

export function sequenceNumber(seq: number): string {
  return String(seq).padStart(SEQUENCE_DIGITS, "0");
}

export function seqOf(sequence: string | undefined): number {
  if (sequence === undefined || sequence === "") return 0;
  if (!/^\d+$/.test(sequence)) throw new Error(`${sequence} is not a sequence number`);
  return Number(sequence);
}

export function shardIndex(stream: string, definition: StreamDefinition, shard: string): number {
  const index = /^shardId-(\d{12})$/.test(shard) ? Number(shard.slice(8)) : -1;
  if (index < 0 || index >= definition.shards) throw new Error(`stream ${stream} has no shard ${shard}`);
  return index;
}

export function checked(definition: StreamDefinition): StreamDefinition {
  const { name, shards, retentionHours } = definition;
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`stream ${name}: shards must be 1 or more`);
  if (!(retentionHours > 0)) throw new Error(`stream ${name}: retentionHours must be positive`);
  return definition;
}

/** Kinesis's own limits, so what works locally is not refused on AWS. */
export function checkRecord(stream: string, key: string, data: string): void {
  if (key.length === 0 || key.length > MAX_PARTITION_KEY)
    throw new Error(`stream ${stream}: a partition key must have 1 to ${MAX_PARTITION_KEY} characters`);
  const bytes = Buffer.byteLength(data, "utf8") + Buffer.byteLength(key, "utf8");
  if (bytes > MAX_RECORD_BYTES)
    throw new Error(
      `stream ${stream}: a record may hold ${MAX_RECORD_BYTES} bytes with its key, not ${bytes}`,
    );
}

export function toLambdaRecord(stream: string, row: Row): KinesisStreamRecord {
  const sequence = sequenceNumber(row.seq);
  const shard = shardId(row.shard);
  return {
    kinesis: {
      kinesisSchemaVersion: "1.0",
      partitionKey: row.partition_key,
      sequenceNumber: sequence,
      data: Buffer.from(row.data, "utf8").toString("base64"),
      approximateArrivalTimestamp: row.arrived_at / 1000,
    },
    eventSource: "aws:kinesis",
    eventVersion: "1.0",
    eventID: `${shard}:${sequence}`,
    eventName: "aws:kinesis:record",
    invokeIdentityArn: `arn:aws:iam::000000000000:role/local-event-source-mapping`,
    awsRegion: REGION,
    eventSourceARN: streamArn(stream),
  };
}
