/** One record of a Roster stream as the console shows it. */
export interface StreamEntry {
  /** The stream's short name (`users`, `payments`, `subscriptions`). */
  readonly stream: string;
  readonly sequence: string;
  readonly arrivedAt: string;
  /** The record's partition key: the member it is about, for Roster's streams. */
  readonly partitionKey: string;
  /** The record as its producer wrote it (JSON), or undefined when it is not JSON. */
  readonly record: unknown;
}

/** Reads the newest records of a stream, for people watching it (never for processing: no checkpoint). */
export interface StreamReader {
  /**
   * The newest records of `stream` first, at most `limit`; only those whose partition key is `member`
   * when given (the local adapter asks the store for them; Kinesis's reads the recent window and filters).
   */
  latest(
    stream: string,
    options: { readonly member?: string; readonly limit: number },
  ): Promise<StreamEntry[]>;
}
