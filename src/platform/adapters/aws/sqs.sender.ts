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

/** One message: `groupId` and `deduplicationId` (MessageGroupId, MessageDeduplicationId) for FIFO queues. */
export interface SqsEntry {
  readonly body: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
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
 * whole request's, which the SDK retries. Requests go one after the other and entries keep their order
 * within each, so a FIFO queue takes a group's messages in the order given; only an entry sent again
 * after a refusal for the service's fault lands behind the later ones of its request that were taken
 * (FIFO consumers that must not see that should check order themselves, as the purchases worker does).
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

  /** Bodies to a standard queue. */
  async sendBatch(queueUrl: string, bodies: readonly string[]): Promise<void> {
    return this.sendEntries(
      queueUrl,
      bodies.map((body) => ({ body })),
    );
  }

  /** Entries in order; those of a FIFO queue carry their group and deduplication ids. */
  async sendEntries(queueUrl: string, entries: readonly SqsEntry[]): Promise<void> {
    if (entries.length === 1) return this.#sendOne(queueUrl, entries[0] as SqsEntry);
    const chunks = chunked(entries);
    const codes: string[] = [];
    for (const [n, chunk] of chunks.entries()) {
      try {
        codes.push(...(await this.#sendChunk(queueUrl, chunk)));
      } catch (error) {
        const unsent = chunks.slice(n).reduce((sum, later) => sum + later.length, 0);
        throw new QueueSendError("SendMessageBatch", codes.length + unsent, entries.length, [
          ...codes,
          nameOf(error),
        ]);
      }
    }
    if (codes.length > 0) throw new QueueSendError("SendMessageBatch", codes.length, entries.length, codes);
  }

  async #sendOne(queueUrl: string, entry: SqsEntry): Promise<void> {
    const { Id: _, ...message } = toRequestEntry(entry, 0);
    try {
      await this.#client.send(new SendMessageCommand({ QueueUrl: queueUrl, ...message }));
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

/** Splits entries, in order, into requests within SendMessageBatch's entry and size limits. */
function chunked(entries: readonly SqsEntry[]): SendMessageBatchRequestEntry[][] {
  const chunks: SendMessageBatchRequestEntry[][] = [];
  let current: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const [i, entry] of entries.entries()) {
    const body = entry.body;
    const size = Buffer.byteLength(body, "utf8");
    const full =
      current.length === SEND_MESSAGE_BATCH_MAX_ENTRIES || bytes + size > SEND_MESSAGE_BATCH_MAX_BYTES;
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(toRequestEntry(entry, i));
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Ids are unique within a request (alphanumerics, hyphens, underscores): the entry's index serves. */
function toRequestEntry(entry: SqsEntry, i: number): SendMessageBatchRequestEntry {
  return {
    Id: `m${i}`,
    MessageBody: entry.body,
    ...(entry.groupId === undefined ? {} : { MessageGroupId: entry.groupId }),
    ...(entry.deduplicationId === undefined ? {} : { MessageDeduplicationId: entry.deduplicationId }),
  };
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "UnknownError";
}
