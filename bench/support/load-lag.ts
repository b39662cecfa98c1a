import type { DatabaseSync } from "node:sqlite";

/** How far one event source mapping is behind its source at one instant. */
export interface MappingLag {
  readonly mapping: string;
  /** `change log <table>` or `stream <name> shard <n>`. */
  readonly source: string;
  readonly put: number;
  readonly consumed: number;
  readonly behind: number;
}

interface CheckpointRow {
  readonly mapping: string;
  readonly shard: string;
  readonly position: string;
}

/**
 * Every mapping with a checkpoint against its source, read from the store's SQLite file: the source is
 * the one that holds the record at the checkpoint (a change log position is its unpadded seq, a stream's
 * the padded Kinesis sequence number); put = its records so far, consumed = those at or before the
 * checkpoint. A mapping that has finished no record yet has no checkpoint and is not listed.
 */
export function mappingLags(db: DatabaseSync): MappingLag[] {
  const rows = db
    .prepare("SELECT mapping, shard, position FROM event_source_checkpoints ORDER BY mapping, shard")
    .all() as unknown as CheckpointRow[];
  const changeTable = db.prepare("SELECT tbl FROM change_log WHERE seq = ?");
  const changes = db.prepare(
    "SELECT count(*) AS n, coalesce(sum(seq <= ?), 0) AS done FROM change_log WHERE tbl = ?",
  );
  const streamOf = db.prepare("SELECT stream, shard FROM stream_records WHERE seq = ?");
  const records = db.prepare(
    "SELECT count(*) AS n, coalesce(sum(seq <= ?), 0) AS done FROM stream_records WHERE stream = ? AND shard = ?",
  );
  const lags: MappingLag[] = [];
  for (const { mapping, position } of rows) {
    const seq = Number(position);
    const padded = position.length > 1 && position.startsWith("0");
    if (!padded) {
      const at = changeTable.get(seq) as { tbl: string } | undefined;
      if (at) {
        const { n, done } = changes.get(seq, at.tbl) as { n: number; done: number };
        lags.push({ mapping, source: `change log ${at.tbl}`, put: n, consumed: done, behind: n - done });
        continue;
      }
    }
    const at = streamOf.get(seq) as { stream: string; shard: number } | undefined;
    if (!at) continue; // its record expired: nothing to compare with
    const { n, done } = records.get(seq, at.stream, at.shard) as { n: number; done: number };
    lags.push({
      mapping,
      source: `stream ${at.stream} shard ${at.shard}`,
      put: n,
      consumed: done,
      behind: n - done,
    });
  }
  return lags;
}
