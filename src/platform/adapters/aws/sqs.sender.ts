import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SendMessageBatchResult,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

/**
 * SendMessageBatch takes at most 10 entries, and the bodies of one request together may not exceed the
 * queue's maximum message size: 256 KiB (262,144 bytes) for years and the default of existing queues,
 * 1 MiB since August 2025 (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html).
 * We keep to 256 KiB so a request fits every queue.
 */
export const SEND_MESSAGE_BATCH_MAX_ENTRIES = 10;
export const SEND_MESSAGE_BATCH_MAX_BYTES = 256 * 1024;

/** Some messages were not sent after every attempt. Names the operation, counts and codes, never a body. */
export class QueueSendError extends Error {
  override readonly name: string = "QueueSendError";
  readonly operation: string;
  readonly failed: number;
  readonly total: number;
  readonly codes: readonly string[];

  constructor(operation: string, failed: number, total: number, codes: readonly string[]) {
    const unique = [...new Set(codes)];
    super(`${failed} of ${total} messages were not sent with ${operation} (${unique.join(", ")})`);
    this.operation = operation;
    this.failed = failed;
    this.total = total;
    this.codes = unique;
  }
}

export interface SqsQueueSenderOptions {
  readonly client: SQSClient;
  /** Attempts per entry, the first included (default 3). Whole failed requests are the SDK's to retry. */
  readonly attempts?: number;
  /** Pauses before each re-send of failed entries (default 100, 200 ms; the last one repeats). */
  readonly backoffMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends message bodies to an SQS queue. SendMessageBatch can take some entries of a request and refuse
 * others (`Failed`, each with a `Code` and `SenderFault`): entries refused for the sender's fault (a body
 * SQS will never take) are given up at once; the others (the service's fault, e.g. throttling) are sent
 * again after a short pause, up to `attempts`. Then the call fails with a `QueueSendError` naming how
 * many were not sent and why. A lone body goes with SendMessage: the same effect, and its failure is the
 * whole request's, which the SDK retries. Order is not kept (standard queues do not keep it anyway).
 */
export class SqsQueueSender {
  readonly #client: SQSClient;
  readonly #attempts: number;
  readonly #backoffMs: readonly number[];
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: SqsQueueSenderOptions) {
    this.#client = options.client;
    this.#attempts = Math.max(1, options.attempts ?? 3);
    this.#backoffMs = options.backoffMs ?? [100, 200];
    this.#sleep = options.sleep ?? wait;
  }

  async sendBatch(queueUrl: string, bodies: readonly string[]): Promise<void> {
    if (bodies.length === 1) return this.#sendOne(queueUrl, bodies[0] as string);
    const chunks = chunked(bodies);
    const codes: string[] = [];
    for (const [n, chunk] of chunks.entries()) {
      try {
        codes.push(...(await this.#sendChunk(queueUrl, chunk)));
      } catch (error) {
        const unsent = chunks.slice(n).reduce((sum, later) => sum + later.length, 0);
        throw new QueueSendError("SendMessageBatch", codes.length + unsent, bodies.length, [
          ...codes,
          nameOf(error),
        ]);
      }
    }
    if (codes.length > 0) throw new QueueSendError("SendMessageBatch", codes.length, bodies.length, codes);
  }

  async #sendOne(queueUrl: string, body: string): Promise<void> {
    try {
      await this.#client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    } catch (error) {
      throw new QueueSendError("SendMessage", 1, 1, [nameOf(error)]);
    }
  }

  /** Sends one chunk, re-sending what failed for the service's fault; answers a code per entry never sent. */
  async #sendChunk(queueUrl: string, chunk: readonly SendMessageBatchRequestEntry[]): Promise<string[]> {
    const givenUp: string[] = [];
    let pending = chunk;
    for (let attempt = 1; ; attempt++) {
      const answer = await this.#client.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [...pending] }),
      );
      const { senderFaults, retryable } = sortFailures(pending, answer);
      givenUp.push(...senderFaults);
      if (retryable.length === 0) return givenUp;
      if (attempt >= this.#attempts) return [...givenUp, ...retryable.map((r) => r.code)];
      await this.#sleep(this.#backoffMs[Math.min(attempt, this.#backoffMs.length) - 1] ?? 0);
      pending = retryable.map((r) => r.entry);
    }
  }
}

/** The codes of entries refused for the sender's fault, and the entries worth sending again. */
function sortFailures(pending: readonly SendMessageBatchRequestEntry[], answer: SendMessageBatchResult) {
  const sent = new Set((answer.Successful ?? []).map((entry) => entry.Id));
  const failed = new Map((answer.Failed ?? []).map((entry) => [entry.Id, entry]));
  const senderFaults: string[] = [];
  const retryable: { entry: SendMessageBatchRequestEntry; code: string }[] = [];
  for (const entry of pending) {
    if (sent.has(entry.Id)) continue;
    const failure = failed.get(entry.Id);
    if (failure?.SenderFault) senderFaults.push(failure.Code ?? "SenderFault");
    // An entry the answer does not mention was not sent: try it again.
    else retryable.push({ entry, code: failure?.Code ?? "MissingEntryResult" });
  }
  return { senderFaults, retryable };
}

/** Splits bodies, in order, into requests within SendMessageBatch's entry and size limits. */
function chunked(bodies: readonly string[]): SendMessageBatchRequestEntry[][] {
  const chunks: SendMessageBatchRequestEntry[][] = [];
  let current: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const [i, body] of bodies.entries()) {
    const size = Buffer.byteLength(body, "utf8");
    const full =
      current.length === SEND_MESSAGE_BATCH_MAX_ENTRIES || bytes + size > SEND_MESSAGE_BATCH_MAX_BYTES;
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    // Ids are unique within a request (alphanumerics, hyphens, underscores): the body's index serves.
    current.push({ Id: `m${i}`, MessageBody: body });
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "UnknownError";
}
