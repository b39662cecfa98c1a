import type { SQSClient } from "@aws-sdk/client-sqs";
import { QueueSendError, SqsQueueSender } from "../../../platform/adapters/aws/sqs.sender.ts";
import { UnavailableError } from "../../../platform/errors/app.errors.ts";
import { CleanupMessageSchema } from "../../messages/cleanup.message.ts";
import type { CleanupMessage, CleanupQueue } from "../../ports/cleanup-queue.port.ts";

export interface SqsCleanupQueueOptions {
  readonly client: SQSClient;
  /** The queue URL of `{stage}-user-service-cleanup` (a standard queue). */
  readonly queueUrl: string;
}

/**
 * The cleanup queue on SQS through `SqsQueueSender` (one message is a batch of one), the body the JSON
 * of `CleanupMessageSchema`. The SDK retries throttling and 5xx itself; whatever still fails becomes
 * `UnavailableError` naming the queue's operation and the error codes, never the message (it holds a
 * user id only, but the rule is the same everywhere).
 */
export class SqsCleanupQueue implements CleanupQueue {
  readonly #sender: SqsQueueSender;
  readonly #queueUrl: string;

  constructor(options: SqsCleanupQueueOptions) {
    this.#sender = new SqsQueueSender({ client: options.client });
    this.#queueUrl = options.queueUrl;
  }

  async send(message: CleanupMessage): Promise<void> {
    const body = JSON.stringify(CleanupMessageSchema.parse(message));
    try {
      await this.#sender.sendBatch(this.#queueUrl, [body]);
    } catch (error) {
      const why =
        error instanceof QueueSendError
          ? `${error.operation} (${error.codes.join(", ")})`
          : `SendMessage (${error instanceof Error ? error.name : "unknown error"})`;
      throw new UnavailableError(`the cleanup queue refused ${why}`);
    }
  }
}
