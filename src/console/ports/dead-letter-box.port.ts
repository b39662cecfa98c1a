/** A record or message a worker gave up on, as an operator sees it. */
export interface DeadLetterEntry {
  /** Stream workers' entries one by one (`stream:<id>`); a dead-letter queue as a whole (`queue:<name>`). */
  readonly id: string;
  readonly kind: "stream" | "queue";
  /** The worker (event source mapping) or the queue it belongs to. */
  readonly owner: string;
  /** The stream, table or queue the record came from. */
  readonly source: string;
  /** Why it was given up (RetryAttemptsExhausted, RecordAgeExceeded, the receive count for a queue). */
  readonly reason: string;
  /** The last failure's message, when the worker failed (never the record itself). */
  readonly error: string | undefined;
  readonly attempts: number;
  readonly failedAt: string;
  /** The record's event type and member, when it names them. */
  readonly eventType: string | undefined;
  readonly member: string | undefined;
  readonly redriveRequested: boolean;
}

/** The dead letters of every worker and queue, and their redrive to where they came from. */
export interface DeadLetterBox {
  /**
   * Set where this runtime keeps its dead letters out of the console's reach (on AWS: the SQS
   * dead-letter queues and their redrive in the SQS console), saying where to look: the page then says
   * so instead of claiming that every worker is keeping up.
   */
  readonly elsewhere?: string;
  list(): Promise<DeadLetterEntry[]>;
  /** Redrives one entry (a stream record; a queue's every message); answers how many were moved. */
  redrive(id: string): Promise<number>;
}
