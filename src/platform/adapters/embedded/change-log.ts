import type { DatabaseSync, StatementSync } from "node:sqlite";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import type { Item, Key } from "../../store/table-store.port.ts";
import { afterCommit, LimitedQuery } from "./sqlite.database.ts";

export type ChangeEventName = "INSERT" | "MODIFY" | "REMOVE";

export interface ChangeInput {
  readonly table: string;
  readonly eventName: ChangeEventName;
  readonly keys: Key;
  readonly newImage?: Item;
  readonly oldImage?: Item;
  readonly at: Date;
  /** Set for deletions made by the store itself (TTL), as DynamoDB Streams marks them. */
  readonly byService?: boolean;
}

/** A committed change, shaped as the record Lambda receives from DynamoDB Streams. */
export interface ChangeRecord extends DynamoDBRecord {
  readonly sequence: number;
}

const REGION = "local";
const SEQUENCE_DIGITS = 21;

/**
 * The embedded table's change feed: appended inside the writing transaction, so a change is in the
 * log exactly when the write committed (DynamoDB Streams NEW_AND_OLD_IMAGES).
 */
export class ChangeLog {
  readonly #db: DatabaseSync;
  readonly #append: StatementSync;
  readonly #read: LimitedQuery;
  readonly #listeners = new Set<() => void>();
  #notifying = false;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS change_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, record TEXT NOT NULL)`);
    db.exec("CREATE INDEX IF NOT EXISTS change_log_tbl ON change_log (tbl, seq)");
    this.#append = db.prepare("INSERT INTO change_log (tbl, record) VALUES (?, ?)");
    this.#read = new LimitedQuery(
      db,
      "SELECT seq, record FROM change_log WHERE tbl = ? AND seq > ? ORDER BY seq",
    );
  }

  append(change: ChangeInput): void {
    // The SequenceNumber is the row's seq, filled in when the record is read.
    this.#append.run(change.table, JSON.stringify(toStreamRecord(change)));
    // The append runs inside the writer's synchronous transaction: listeners hear of it on the next turn
    // of the event loop after the commit (a batch's, if one is open), once however many records it appended.
    if (this.#listeners.size > 0 && !this.#notifying) {
      this.#notifying = true;
      afterCommit(this.#db, () =>
        setImmediate(() => {
          this.#notifying = false;
          for (const listener of this.#listeners) listener();
        }),
      );
    }
  }

  /** Calls `listener` after changes committed in this process (other processes are seen by polling). */
  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Records of `table` after sequence `after`, oldest first. */
  read(table: string, after = 0, limit = 1000): ChangeRecord[] {
    const rows = this.#read.all(limit, table, after) as { seq: number; record: string }[];
    return rows.map((row) => {
      const record = JSON.parse(row.record) as DynamoDBRecord;
      const dynamodb = { ...record.dynamodb, SequenceNumber: String(row.seq).padStart(SEQUENCE_DIGITS, "0") };
      return { ...record, eventID: `${row.seq}`, dynamodb, sequence: row.seq };
    });
  }
}

function toStreamRecord(change: ChangeInput): DynamoDBRecord {
  const options = { removeUndefinedValues: true, convertClassInstanceToMap: false };
  const image = (item?: Item) => (item ? (marshall(item, options) as never) : undefined);
  return {
    eventName: change.eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: REGION,
    eventSourceARN: `arn:aws:dynamodb:${REGION}:000000000000:table/${change.table}/stream/embedded`,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(change.at.getTime() / 1000),
      Keys: image(change.keys),
      ...(change.newImage ? { NewImage: image(change.newImage) } : {}),
      ...(change.oldImage ? { OldImage: image(change.oldImage) } : {}),
      SizeBytes: Buffer.byteLength(JSON.stringify([change.newImage ?? null, change.oldImage ?? null])),
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
    ...(change.byService ? { userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" } } : {}),
  };
}
