import { SoftOptInMessage } from "../../../contracts/purchases/soft-opt-in.message.ts";
import type { SoftOptIn } from "../../domain/soft-opt-in.ts";
import { SnapshotMessageSchema } from "../../messages/snapshot.message.ts";
import type { Snapshot, SnapshotSender } from "../../ports/export.port.ts";
import type { SoftOptInSender } from "../../ports/soft-opt-in.port.ts";

/**
 * A standard queue taking up to 10 bodies a request: `SqsQueueSender` (queue URL) on AWS, the embedded
 * queues (`SqliteQueues`, queue name) locally. Both throw when a body was not taken.
 */
export interface BatchQueue {
  sendBatch(queue: string, bodies: readonly string[]): Promise<unknown>;
}

const BATCH = 10;

async function sendAll(queue: BatchQueue, name: string, bodies: readonly string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += BATCH) await queue.sendBatch(name, bodies.slice(i, i + BATCH));
}

/** `{stage}-purchases-soft-opt-ins`, each body checked against its contract first. */
export class QueueSoftOptInSender implements SoftOptInSender {
  readonly #queue: BatchQueue;
  readonly #name: string;
  constructor(queue: BatchQueue, name: string) {
    this.#queue = queue;
    this.#name = name;
  }

  send(optIns: readonly SoftOptIn[]): Promise<void> {
    return sendAll(
      this.#queue,
      this.#name,
      optIns.map((optIn) => JSON.stringify(SoftOptInMessage.parse(softOptInMessageOf(optIn)))),
    );
  }
}

/** `{stage}-purchases-snapshots`: the historical snapshot of every change. */
export class QueueSnapshotSender implements SnapshotSender {
  readonly #queue: BatchQueue;
  readonly #name: string;
  constructor(queue: BatchQueue, name: string) {
    this.#queue = queue;
    this.#name = name;
  }

  send(snapshots: readonly Snapshot[]): Promise<void> {
    return sendAll(
      this.#queue,
      this.#name,
      snapshots.map((snapshot) => JSON.stringify(SnapshotMessageSchema.parse(snapshot))),
    );
  }
}

/** The contract's wire form of an opt-in. */
export function softOptInMessageOf(optIn: SoftOptIn): SoftOptInMessage {
  return {
    message_id: optIn.messageId,
    event_type: optIn.eventType,
    user_id: optIn.userId,
    subscription_id: optIn.subscriptionId,
    platform: optIn.platform,
    product_name: optIn.productName,
    occurred_at: optIn.occurredAt.toISOString(),
  };
}
