import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSRecord } from "aws-lambda";
import { parseSqsRecord } from "../../platform/events/stream-record.parser.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { SnapshotMessageSchema } from "../messages/snapshot.message.ts";
import type { ExportWriter } from "../ports/export.port.ts";

export interface SnapshotWorkerDeps {
  readonly writer: ExportWriter;
  readonly logger: Logger;
}

/** Where one snapshot is archived: by the day of its change, its subscription and version. */
export const snapshotKey = (date: string, subscriptionId: string, version: number) =>
  `purchases/snapshots/date=${date}/${subscriptionId}/v${String(version).padStart(6, "0")}.ndjson.gz`;

/**
 * The historical snapshot queue: each message archived in the object store as gzipped NDJSON by the
 * day of its change (the data lake reads `purchases/snapshots/date=D/`). A snapshot is written once:
 * a redelivered message finds the same document and changes nothing. A failed message is reported and
 * delivered again; after the queue's receive count it moves to the dead-letter queue.
 */
export function handleSnapshotMessages(
  deps: SnapshotWorkerDeps,
  records: readonly SQSRecord[],
  context?: Context,
): Promise<SQSBatchResponse> {
  return processPartialResponse(
    { Records: [...records] },
    async (record: SQSRecord) => {
      const snapshot = parseSqsRecord(record, SnapshotMessageSchema);
      const key = snapshotKey(snapshot.snapshotDate, snapshot.subscriptionId, snapshot.version);
      await deps.writer.write(key, [snapshot.payload]);
    },
    new BatchProcessor(EventType.SQS, { logger: deps.logger }),
    { ...(context ? { context } : {}), throwOnFullBatchFailure: false },
  );
}
