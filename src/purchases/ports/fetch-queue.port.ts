import type { FetchRequest } from "../domain/fetch-request.ts";

/** The fetch queue (SQS FIFO on AWS, grouped by subscription; the embedded FIFO queue locally). */
export interface FetchQueue {
  /** Enqueues every request, ten a batch; throws when one was not taken. */
  send(requests: readonly FetchRequest[]): Promise<void>;
}
