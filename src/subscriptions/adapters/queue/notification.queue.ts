import { SubscriptionNotification } from "../../../contracts/subscriptions/notification.message.ts";
import type { NotificationBody, NotificationSender } from "../../ports/notification-sender.port.ts";

/**
 * A queue that takes up to 10 bodies a request, as SendMessageBatch does: the SQS sender
 * (`SqsQueueSender`, with a queue URL) on AWS, the embedded queues (`SqliteQueues`, with a queue name)
 * locally. Both throw when a body was not taken.
 */
export interface BatchQueue {
  sendBatch(queue: string, bodies: readonly string[]): Promise<unknown>;
}

const BATCH = 10;

/**
 * The notices to the `{stage}-subscription-notifications` queue, each body checked against the
 * contract first (a notice that breaks it is a bug here, not the sender's to find), ten a request.
 */
export class QueueNotificationSender implements NotificationSender {
  readonly #queue: BatchQueue;
  readonly #name: string;

  constructor(queue: BatchQueue, name: string) {
    this.#queue = queue;
    this.#name = name;
  }

  async send(notices: readonly NotificationBody[]): Promise<void> {
    const bodies = notices.map((notice) => JSON.stringify(SubscriptionNotification.parse(notice)));
    for (let i = 0; i < bodies.length; i += BATCH) {
      await this.#queue.sendBatch(this.#name, bodies.slice(i, i + BATCH));
    }
  }
}
