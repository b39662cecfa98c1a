import { createHash } from "node:crypto";
import type { FetchRequest } from "../../domain/fetch-request.ts";
import { subscriptionIdOf } from "../../domain/store-subscription.ts";
import { FetchMessageSchema } from "../../messages/fetch.message.ts";
import type { FetchQueue } from "../../ports/fetch-queue.port.ts";

/** One message of a FIFO queue: SQS's MessageGroupId and MessageDeduplicationId (128 characters at most). */
export interface FifoEntry {
  readonly body: string;
  readonly groupId: string;
  readonly deduplicationId: string;
}

/**
 * A FIFO queue taking up to 10 entries a request: `SqsQueueSender.sendEntries` (queue URL) on AWS, the
 * embedded FIFO queue (`SqliteQueues`, queue name) locally. Both throw when an entry was not taken.
 */
export interface FifoBatchQueue {
  sendEntries(queue: string, entries: readonly FifoEntry[]): Promise<unknown>;
}

const BATCH = 10;
/** Ids within SQS's 128-character limit whatever the token's length (Google's tokens run past 150). */
const digest = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The fetch queue: grouped by subscription, so one subscription's fetches run in order and one at a
 * time while different subscriptions run side by side; deduplicated by the request that asked (a
 * notification redelivered within SQS's five-minute window is taken once).
 */
export class QueueFetchQueue implements FetchQueue {
  readonly #queue: FifoBatchQueue;
  readonly #name: string;

  constructor(queue: FifoBatchQueue, name: string) {
    this.#queue = queue;
    this.#name = name;
  }

  async send(requests: readonly FetchRequest[]): Promise<void> {
    const entries = requests.map((request) => ({
      body: JSON.stringify(FetchMessageSchema.parse(request)),
      groupId: digest(subscriptionIdOf(request.platform, request.storeId)),
      deduplicationId: digest(request.requestId),
    }));
    for (let i = 0; i < entries.length; i += BATCH)
      await this.#queue.sendEntries(this.#name, entries.slice(i, i + BATCH));
  }
}
