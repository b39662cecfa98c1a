import {
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { ConflictError } from "../../../platform/errors/app.errors.ts";
import type { DeadLetterBox, DeadLetterEntry, DeadLetterListing } from "../../ports/dead-letter-box.port.ts";
import { namedIn, parseJson } from "../stream-record.json.ts";
import { batchPointer, parseOnFailureRecord } from "./lambda-on-failure.record.ts";

/** One dead-letter queue of the stage (CONSOLE_DEAD_LETTER_QUEUES, written by infra/lib/console). */
export interface SqsDeadLetterQueue {
  /** The queue's name (`dev-user-service-cleanup-dlq`): the page's owner and the entry's id. */
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  /** `queue`: a queue's dead-letter queue; `stream`: a stream worker's on-failure queue. */
  readonly kind: "queue" | "stream";
  /** The queue whose dead letters these are, when there is one (a redrive moves them back there). */
  readonly sourceArn?: string | undefined;
}

export const STREAM_NO_REDRIVE =
  "Not redriven from here: this message points at a stream batch (shard and sequence range), not a record to send back. Replay that range from the stream, then delete the message.";
export const SOURCELESS_NO_REDRIVE =
  "Not redriven from here: these messages came from a scheduler or an asynchronous invocation, not from a queue they could go back to.";

/**
 * The stage's dead letters on AWS: each dead-letter queue and each stream worker's on-failure queue,
 * peeked (ReceiveMessage with a zero visibility timeout, so no message is held from anyone; each peek
 * still counts as a receive), and a queue's redrive by SQS itself (StartMessageMoveTask back to its
 * source). A queue that cannot be read is named among the listing's problems, the others are listed.
 */
export class SqsDeadLetterBox implements DeadLetterBox {
  readonly #client: SQSClient;
  readonly #queues: readonly SqsDeadLetterQueue[];
  readonly #callsPerQueue: number;
  readonly #maxMessages: number;

  constructor(options: {
    readonly client: SQSClient;
    readonly queues: readonly SqsDeadLetterQueue[];
    /** ReceiveMessage calls per queue and page at most (10 messages each). */
    readonly callsPerQueue: number;
    /** Messages the page lists at most, over every queue. */
    readonly maxMessages: number;
  }) {
    this.#client = options.client;
    this.#queues = options.queues;
    this.#callsPerQueue = options.callsPerQueue;
    this.#maxMessages = options.maxMessages;
  }

  async list(): Promise<DeadLetterListing> {
    const read = await Promise.all(
      this.#queues.map(async (queue) => {
        try {
          return { queue, messages: await this.#peek(queue) };
        } catch (error) {
          return { queue, problem: `${queue.name}: ${describeError(error)}` };
        }
      }),
    );
    const entries = read
      .flatMap((result) => (result.messages ?? []).map((message) => toEntry(result.queue, message)))
      .sort((a, b) => b.failedAt.localeCompare(a.failedAt))
      .slice(0, this.#maxMessages);
    const problems = read.flatMap((result) => (result.problem === undefined ? [] : [result.problem]));
    return { entries, problems };
  }

  async redrive(id: string): Promise<number> {
    const [kind, rest = ""] = id.split(/:(.*)/s);
    if (kind === "stream") {
      if (this.#queues.some((queue) => queue.kind === "stream" && rest.startsWith(`${queue.name}:`)))
        throw new ConflictError(STREAM_NO_REDRIVE);
      return 0;
    }
    const queue = this.#queues.find((candidate) => candidate.kind === "queue" && candidate.name === rest);
    if (kind !== "queue" || queue === undefined) return 0;
    if (queue.sourceArn === undefined) throw new ConflictError(SOURCELESS_NO_REDRIVE);
    const attributes = await this.#client.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    const waiting = Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
    if (waiting === 0) return 0;
    await this.#client.send(
      new StartMessageMoveTaskCommand({ SourceArn: queue.arn, DestinationArn: queue.sourceArn }),
    );
    return waiting;
  }

  /** Up to callsPerQueue short polls of 10, each message once (a zero visibility timeout may repeat one). */
  async #peek(queue: SqsDeadLetterQueue): Promise<Message[]> {
    const seen = new Map<string, Message>();
    for (let call = 0; call < this.#callsPerQueue && seen.size < this.#maxMessages; call++) {
      const answer = await this.#client.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"],
        }),
      );
      const messages = answer.Messages ?? [];
      const before = seen.size;
      for (const message of messages) seen.set(message.MessageId ?? `${seen.size}`, message);
      if (messages.length === 0 || seen.size === before) break;
    }
    return [...seen.values()];
  }
}

function toEntry(queue: SqsDeadLetterQueue, message: Message): DeadLetterEntry {
  const sent = Number(message.Attributes?.SentTimestamp);
  const sentAt = new Date(Number.isFinite(sent) ? sent : 0).toISOString();
  const received = Number(message.Attributes?.ApproximateReceiveCount ?? 0);
  const body = parseJson(message.Body ?? "");
  const failure = queue.kind === "stream" ? parseOnFailureRecord(body) : undefined;
  if (queue.kind === "stream")
    return {
      id: `stream:${queue.name}:${message.MessageId ?? ""}`,
      kind: "stream",
      owner: queue.name,
      source: failure ? batchPointer(failure) : "an unrecognized on-failure message",
      reason: failure?.condition ?? "unknown",
      error: failure?.functionError,
      attempts: failure?.invokeCount ?? 0,
      failedAt: failure?.timestamp ? new Date(failure.timestamp).toISOString() : sentAt,
      eventType: undefined,
      member: undefined,
      redriveRequested: false,
      noRedrive: STREAM_NO_REDRIVE,
    };
  return {
    id: `queue:${queue.name}`,
    kind: "queue",
    owner: queue.name,
    // Where the message came from: the queue that dead-lettered it, else (a scheduler's) the DLQ itself.
    source: queue.sourceArn?.split(":").at(-1) ?? queue.name,
    reason: `received ${received} times`,
    error: undefined,
    attempts: received,
    failedAt: sentAt,
    ...namedIn(body),
    redriveRequested: false,
    noRedrive: queue.sourceArn === undefined ? SOURCELESS_NO_REDRIVE : undefined,
  };
}

/** The SDK error's name and message (AccessDenied, QueueDoesNotExist): never a request or a body. */
function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return "could not be read";
}
