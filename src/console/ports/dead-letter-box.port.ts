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
  /**
   * Why the console cannot send this one back, shown instead of the redrive button (an on-failure record
   * on AWS points at a stream batch; a dead-letter queue fed by a scheduler has no queue to go back to).
   */
  readonly noRedrive: string | undefined;
}

/** What the page shows: the entries, and each source that could not be read (so none hides silently). */
export interface DeadLetterListing {
  readonly entries: DeadLetterEntry[];
  /** One line per queue that could not be read (its name and the error), never a message's content. */
  readonly problems: string[];
}

/** The dead letters of every worker and queue, and their redrive to where they came from. */
export interface DeadLetterBox {
  list(): Promise<DeadLetterListing>;
  /**
   * Redrives one entry (a stream record; a queue's every message); answers how many were moved, 0 for an
   * unknown entry. Throws a ConflictError for an entry that cannot be redriven (its `noRedrive`).
   */
  redrive(id: string): Promise<number>;
}
