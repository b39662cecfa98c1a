import type { DeadLetters } from "../../../platform/adapters/embedded/dead-letters.ts";
import type { SqliteQueues } from "../../../platform/adapters/embedded/sqlite-queues.ts";
import type { DeadLetterBox, DeadLetterEntry, DeadLetterListing } from "../../ports/dead-letter-box.port.ts";
import { namedIn, parseJson } from "../stream-record.json.ts";

/**
 * The local event runtime's dead letters: the stream mappings' table (`dead_letters`, one entry each,
 * redriven by the flag its mapping reads) and each queue's dead-letter queue (redriven whole, as SQS's
 * StartMessageMoveTask moves a queue's messages back to its source).
 */
export class LocalDeadLetterBox implements DeadLetterBox {
  readonly #deadLetters: DeadLetters;
  readonly #queues: SqliteQueues;
  readonly #queueNames: Readonly<Record<string, { readonly queue: string; readonly deadLetters: string }>>;

  constructor(options: {
    readonly deadLetters: DeadLetters;
    readonly queues: SqliteQueues;
    readonly queueNames: Readonly<Record<string, { readonly queue: string; readonly deadLetters: string }>>;
  }) {
    this.#deadLetters = options.deadLetters;
    this.#queues = options.queues;
    this.#queueNames = options.queueNames;
  }

  async list(): Promise<DeadLetterListing> {
    const streamed: DeadLetterEntry[] = this.#deadLetters.list().map((entry) => {
      const named = describe(entry.record);
      return {
        id: `stream:${entry.id}`,
        kind: "stream",
        owner: entry.mapping,
        source: entry.source,
        reason: entry.reason,
        error: entry.error,
        attempts: entry.attempts,
        failedAt: entry.failedAt.toISOString(),
        ...named,
        redriveRequested: entry.redriveRequested,
        noRedrive: undefined,
      };
    });
    const queued: DeadLetterEntry[] = Object.entries(this.#queueNames).flatMap(([name, { deadLetters }]) =>
      this.#queues.list(deadLetters).map((message) => ({
        id: `queue:${name}`,
        kind: "queue" as const,
        owner: name,
        source: deadLetters,
        reason: `received ${message.receiveCount} times`,
        error: undefined,
        attempts: message.receiveCount,
        failedAt: message.sentAt.toISOString(),
        ...describe(parseJson(message.body)),
        redriveRequested: false,
        noRedrive: undefined,
      })),
    );
    const entries = [...streamed, ...queued].sort((a, b) => b.failedAt.localeCompare(a.failedAt));
    return { entries, problems: [] };
  }

  async redrive(id: string): Promise<number> {
    const [kind, rest = ""] = id.split(/:(.*)/s);
    if (kind === "stream" && /^\d+$/.test(rest)) return this.#deadLetters.redrive({ ids: [Number(rest)] });
    const queue = kind === "queue" ? this.#queueNames[rest] : undefined;
    if (queue) return this.#queues.redrive(queue.deadLetters, queue.queue);
    return 0;
  }
}

/** The event type and member a record names (a Kinesis record's data, a change feed image, a message). */
function describe(record: unknown): { eventType: string | undefined; member: string | undefined } {
  const kinesis = (record as { kinesis?: { data?: unknown; partitionKey?: unknown } } | undefined)?.kinesis;
  const body =
    kinesis && typeof kinesis.data === "string"
      ? parseJson(Buffer.from(kinesis.data, "base64").toString("utf8"))
      : record;
  const named = namedIn(body);
  const partitionKey = typeof kinesis?.partitionKey === "string" ? kinesis.partitionKey : undefined;
  return { eventType: named.eventType, member: partitionKey ?? named.member };
}
