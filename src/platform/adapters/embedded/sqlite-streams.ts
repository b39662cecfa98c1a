import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { KinesisStreamRecord } from "aws-lambda";
import {
  type PutRecordResult,
  type StreamProducer,
  StreamPublishError,
  type StreamRecordInput,
} from "../../events/stream-producer.port.ts";
import { afterCommit, inTransaction, LimitedQuery } from "./sqlite.database.ts";
import {
  checked,
  checkRecord,
  type Row,
  type StreamDefinition,
  seqOf,
  sequenceNumber,
  shardId,
  shardIndex,
  shardOf,
  toLambdaRecord,
} from "./sqlite-streams.model.ts";

export type { StreamDefinition } from "./sqlite-streams.model.ts";
export { shardId, shardOf, streamArn } from "./sqlite-streams.model.ts";

export interface SqliteStreamsOptions {
  readonly streams: readonly StreamDefinition[];
  readonly now?: () => Date;
}

/** A page of `tail`: records of every shard, oldest first, and where to continue. */
export interface StreamTail {
  readonly records: KinesisStreamRecord[];
  /** Pass as `after` to read on; the last record's sequence number (sequence numbers are global). */
  readonly cursor: string | undefined;
}

// Puts sweep expired records at most this often, so retention costs nothing per put.
const SWEEP_EVERY_MS = 60_000;

/**
 * Durable Kinesis-like streams in the table store's SQLite file (table `stream_records`). Records go
 * to a shard by the MD5 of their partition key, as Kinesis maps keys onto shards' hash-key ranges, so
 * one key keeps one shard and its order. Sequence numbers are one global counter, zero-padded so that
 * string order is numeric order; records older than the stream's retention are invisible, then deleted.
 * Resharding is not modelled: change a stream's shard count only on an empty stream.
 */
export class SqliteStreams implements StreamProducer {
  readonly #db: DatabaseSync;
  readonly #now: () => Date;
  readonly #streams: ReadonlyMap<string, StreamDefinition>;
  readonly #listeners = new Set<(stream: string) => void>();
  /** Streams whose listeners are to hear of puts once the transaction holding them commits. */
  readonly #notifying = new Set<string>();
  readonly #insert: StatementSync;
  readonly #read: LimitedQuery;
  readonly #tail: LimitedQuery;
  readonly #sweep: StatementSync;
  readonly #latest: LimitedQuery;
  readonly #latestOfKey: LimitedQuery;
  #sweptAt = 0;

  constructor(db: DatabaseSync, options: SqliteStreamsOptions) {
    db.exec(`CREATE TABLE IF NOT EXISTS stream_records (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, shard INTEGER NOT NULL,
      partition_key TEXT NOT NULL, data TEXT NOT NULL, arrived_at INTEGER NOT NULL)`);
    db.exec("CREATE INDEX IF NOT EXISTS stream_records_shard ON stream_records (stream, shard, seq)");
    db.exec("CREATE INDEX IF NOT EXISTS stream_records_stream ON stream_records (stream, seq)");
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#streams = new Map(options.streams.map((stream) => [stream.name, checked(stream)]));
    this.#insert = db.prepare(
      "INSERT INTO stream_records (stream, shard, partition_key, data, arrived_at) VALUES (?, ?, ?, ?, ?) RETURNING seq",
    );
    const columns = "seq, shard, partition_key, data, arrived_at";
    this.#read = new LimitedQuery(
      db,
      `SELECT ${columns} FROM stream_records
      WHERE stream = ? AND shard = ? AND seq > ? AND arrived_at >= ? ORDER BY seq`,
    );
    this.#tail = new LimitedQuery(
      db,
      `SELECT ${columns} FROM stream_records
      WHERE stream = ? AND seq > ? AND arrived_at >= ? ORDER BY seq`,
    );
    this.#sweep = db.prepare("DELETE FROM stream_records WHERE stream = ? AND arrived_at < ?");
    this.#latest = new LimitedQuery(
      db,
      `SELECT ${columns} FROM stream_records
      WHERE stream = ? AND arrived_at >= ? ORDER BY seq DESC`,
    );
    this.#latestOfKey = new LimitedQuery(
      db,
      `SELECT ${columns} FROM stream_records
      WHERE stream = ? AND partition_key = ? AND arrived_at >= ? ORDER BY seq DESC`,
    );
  }

  async put(stream: string, records: readonly StreamRecordInput[]): Promise<readonly PutRecordResult[]> {
    const definition = this.#definition(stream);
    for (const record of records) checkRecord(stream, record.partitionKey, record.data);
    const arrivedAt = this.#now().getTime();
    const results = this.#append(stream, definition, records, arrivedAt);
    // After the commit (a batch's, if one is open), once for however many puts it holds.
    if (results.length > 0 && !this.#notifying.has(stream)) {
      this.#notifying.add(stream);
      afterCommit(this.#db, () => {
        this.#notifying.delete(stream);
        this.#notify(stream);
      });
    }
    if (arrivedAt - this.#sweptAt >= SWEEP_EVERY_MS) this.sweepExpired();
    return results;
  }

  /** All or nothing; a database failure is the port's StreamPublishError (none of the records is put). */
  #append(
    stream: string,
    definition: StreamDefinition,
    records: readonly StreamRecordInput[],
    arrivedAt: number,
  ): PutRecordResult[] {
    try {
      return inTransaction(this.#db, () =>
        records.map((record) => {
          const shard = shardOf(record.partitionKey, definition.shards);
          const row = this.#insert.get(
            stream,
            shard,
            record.partitionKey,
            record.data,
            arrivedAt,
          ) as unknown as Row;
          return { shardId: shardId(shard), sequenceNumber: sequenceNumber(row.seq) };
        }),
      );
    } catch (error) {
      const code = (error as { errstr?: unknown }).errstr;
      const failure = new StreamPublishError(stream, records.length, records.length, [
        String(code ?? "SQLiteError"),
      ]);
      failure.cause = error;
      throw failure;
    }
  }

  /** Records of one shard after `afterSequence` (undefined: from the oldest retained), oldest first. */
  read(
    stream: string,
    shard: string,
    afterSequence: string | undefined,
    limit: number,
  ): KinesisStreamRecord[] {
    const definition = this.#definition(stream);
    const index = shardIndex(stream, definition, shard);
    const rows = this.#read.all(limit, stream, index, seqOf(afterSequence), this.#retainedSince(definition));
    return (rows as unknown as Row[]).map((row) => toLambdaRecord(stream, row));
  }

  /** Every retained record of all shards, in arrival order, for a `tail` that follows the stream. */
  tail(stream: string, after: { readonly cursor?: string } = {}, limit = 100): StreamTail {
    const definition = this.#definition(stream);
    const rows = this.#tail.all(limit, stream, seqOf(after.cursor), this.#retainedSince(definition));
    const records = (rows as unknown as Row[]).map((row) => toLambdaRecord(stream, row));
    return { records, cursor: records.at(-1)?.kinesis.sequenceNumber ?? after.cursor };
  }

  /** The newest retained records first, at most `limit`, of one partition key when given (the console's tail). */
  latest(
    stream: string,
    options: { readonly partitionKey?: string; readonly limit: number },
  ): KinesisStreamRecord[] {
    const since = this.#retainedSince(this.#definition(stream));
    const rows =
      options.partitionKey === undefined
        ? this.#latest.all(options.limit, stream, since)
        : this.#latestOfKey.all(options.limit, stream, options.partitionKey, since);
    return (rows as unknown as Row[]).map((row) => toLambdaRecord(stream, row));
  }

  shardIds(stream: string): string[] {
    return Array.from({ length: this.#definition(stream).shards }, (_, index) => shardId(index));
  }

  /** Deletes records past their stream's retention (reads already skip them); returns how many. */
  sweepExpired(): number {
    this.#sweptAt = this.#now().getTime();
    let deleted = 0;
    for (const definition of this.#streams.values()) {
      deleted += Number(this.#sweep.run(definition.name, this.#retainedSince(definition)).changes);
    }
    return deleted;
  }

  /**
   * Calls `listener` after each commit of `put` in this process, so pollers here wake at once; writers
   * in other processes on the same file are only seen by polling. Returns the unsubscribe function.
   */
  onAppend(listener: (stream: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #definition(stream: string): StreamDefinition {
    const definition = this.#streams.get(stream);
    if (!definition) {
      const known = [...this.#streams.keys()].join(", ") || "none";
      throw new Error(`stream ${stream} is not defined (defined: ${known})`);
    }
    return definition;
  }

  #retainedSince(definition: StreamDefinition): number {
    return this.#now().getTime() - definition.retentionHours * 3_600_000;
  }

  #notify(stream: string): void {
    // A listener only wakes a poller; one that throws must not fail a put that has committed.
    for (const listener of this.#listeners) {
      try {
        listener(stream);
      } catch {}
    }
  }
}
