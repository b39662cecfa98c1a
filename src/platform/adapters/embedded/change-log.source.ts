import type { DynamoDBRecord } from "aws-lambda";
import type { ChangeRecord } from "./change-log.ts";
import type { EventSource, SourceItem } from "./event-source-mapping.options.ts";
import { shardId } from "./sqlite-streams.model.ts";

/** What the source needs of the table store's change log (`SqliteTableStore.changes`). */
export interface ChangeLogReader {
  read(table: string, after: number, limit: number): ChangeRecord[];
}

/**
 * A table's change log as an event source: one shard of DynamoDB Streams records. The change log
 * cannot wake a mapping (the store appends inside its own transactions), so it is polled unless the
 * caller passes an `onAppend`.
 */
export function changeLogSource(
  changes: ChangeLogReader,
  table: string,
  onAppend?: (listener: () => void) => () => void,
): EventSource<DynamoDBRecord> {
  const only = shardId(0);
  return {
    name: table,
    shardIds: () => [only],
    read(shard, after, limit): SourceItem<DynamoDBRecord>[] {
      if (shard !== only) throw new Error(`the change log of ${table} has no shard ${shard}`);
      return changes
        .read(table, after === undefined ? 0 : Number(after), limit)
        .map(({ sequence, ...record }) => ({
          position: String(sequence),
          // The change log keeps whole seconds (ApproximateCreationDateTime), so ages are as coarse.
          arrivedAt: (record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000,
          record,
        }));
    },
    itemIdentifier: (record) => record.dynamodb?.SequenceNumber ?? "",
    ...(onAppend ? { onAppend } : {}),
  };
}
