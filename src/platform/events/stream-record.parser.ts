import type { KinesisStreamRecord, SQSRecord } from "aws-lambda";
import type { z } from "zod";

/**
 * A record whose bytes are not the message its channel carries. Retrying cannot fix it, so workers
 * report it as failed and the event source's retry limit sends it to the dead-letter destination. The
 * message names the offending paths and zod's reasons, never a value (records carry personal data).
 */
export class MalformedRecordError extends Error {
  override readonly name: string = "MalformedRecordError";
}

/** A Kinesis record's data (base64 of UTF-8 JSON) parsed with the channel's schema. */
export function parseKinesisRecord<S extends z.ZodType>(record: KinesisStreamRecord, schema: S): z.infer<S> {
  const text = Buffer.from(record.kinesis.data, "base64").toString("utf8");
  return parseJson(text, schema, `record ${record.kinesis.sequenceNumber}`);
}

/** An SQS message body (UTF-8 JSON) parsed with the queue's schema. */
export function parseSqsRecord<S extends z.ZodType>(record: SQSRecord, schema: S): z.infer<S> {
  return parseJson(record.body, schema, `message ${record.messageId}`);
}

function parseJson<S extends z.ZodType>(text: string, schema: S, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MalformedRecordError(`${what} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  throw new MalformedRecordError(`${what} does not match its schema: ${issues}`);
}
