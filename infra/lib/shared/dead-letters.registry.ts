/**
 * The dead-letter queues of one stage: every service registers each queue it gives up into (a queue's
 * dead-letter queue, with the queue it drains when there is one; a stream worker's on-failure queue),
 * so that its alarms and the operator console see the same list. The console reads it once every
 * service is built (`whenComplete`), so the list of services needs no order.
 */
import type * as sqs from "aws-cdk-lib/aws-sqs";

/** A dead-letter queue as its service declares it. */
export interface DeadLetterQueue {
  /** Its name in the service's alarms (`cleanup-dlq`, `payments-worker-failures`). */
  readonly name: string;
  readonly queue: sqs.IQueue;
  /** `queue`: a queue's dead-letter queue; `stream`: a stream worker's on-failure queue (batch pointers). */
  readonly kind: "queue" | "stream";
  /** The queue whose redrive policy sends here: a redrive moves the messages back to it. */
  readonly source?: sqs.IQueue;
}

/** A registered queue, with the service it belongs to. */
export interface RegisteredDeadLetterQueue extends DeadLetterQueue {
  readonly service: string;
}

export class DeadLetterRegistry {
  readonly #queues: RegisteredDeadLetterQueue[] = [];
  readonly #readers: ((queues: readonly RegisteredDeadLetterQueue[]) => void)[] = [];
  #complete = false;

  /** The service's dead-letter queues of this stage. */
  register(service: string, queues: readonly DeadLetterQueue[]): void {
    if (this.#complete)
      throw new Error(`${service} registers dead-letter queues after the stage is complete`);
    for (const queue of queues) {
      if (this.#queues.some((known) => known.service === service && known.name === queue.name))
        throw new Error(`dead-letter queue ${service}/${queue.name} is registered twice in one stage`);
      this.#queues.push({ service, ...queue });
    }
  }

  /** Calls `reader` with every queue of the stage once every service has registered its own. */
  whenComplete(reader: (queues: readonly RegisteredDeadLetterQueue[]) => void): void {
    if (this.#complete) reader(this.#queues);
    else this.#readers.push(reader);
  }

  /** Once every service of the stage is built (infra/lib/roster.app.ts). */
  complete(): void {
    this.#complete = true;
    for (const reader of this.#readers.splice(0)) reader(this.#queues);
  }
}
