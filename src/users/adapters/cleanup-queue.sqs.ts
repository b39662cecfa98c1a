import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { UnavailableError } from "../../platform/errors/app.errors.ts";
import { CleanupMessageSchema } from "../messages/cleanup.message.ts";
import type { CleanupMessage, CleanupQueue } from "../ports/cleanup-queue.port.ts";

export interface SqsCleanupQueueOptions {
  readonly client: SQSClient;
  /** The queue URL of `{stage}-user-service-cleanup` (a standard queue). */
  readonly queueUrl: string;
}

/**
 * The cleanup queue on SQS: one `SendMessage` per message, the body the JSON of `CleanupMessageSchema`.
 * The SDK retries throttling and 5xx itself; whatever still fails becomes `UnavailableError` naming the
 * queue's operation, never the message (it holds a user id only, but the rule is the same everywhere).
 */
export class SqsCleanupQueue implements CleanupQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(options: SqsCleanupQueueOptions) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
  }

  async send(message: CleanupMessage): Promise<void> {
    const body = JSON.stringify(CleanupMessageSchema.parse(message));
    try {
      await this.#client.send(new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: body }));
    } catch (error) {
      const name = error instanceof Error ? error.name : "unknown error";
      throw new UnavailableError(`the cleanup queue refused SendMessage (${name})`);
    }
  }
}
