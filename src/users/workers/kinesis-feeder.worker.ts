import type { DynamoDBRecord } from "aws-lambda";
import type { StreamProducer } from "../../platform/events/stream-producer.port.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { usersStreamRecordOf } from "../adapters/dynamodb/users-stream.mapper.ts";

export interface KinesisFeederDeps {
  readonly producer: StreamProducer;
  /** `{stage}-user-service-users` (USR_KINESIS_STREAM_USERS in seed 004). */
  readonly stream: string;
  readonly logger: Logger;
}

export interface FeedSummary {
  readonly published: number;
  readonly skipped: number;
  readonly failed: number;
}

/**
 * Seed 004's kinesis feeder: the users table's change records, one at a time in order, each USER or
 * MEMBERSHIP version put on the `users` stream with partition key `user_id`. An error is logged and the
 * next record goes on; no batch item failures are reported (as the seed says: a feeder error is logged
 * only). The producer retries what Kinesis refuses before it gives up on a record.
 */
export async function feedUserChanges(
  deps: KinesisFeederDeps,
  records: readonly DynamoDBRecord[],
): Promise<FeedSummary> {
  let published = 0;
  let skipped = 0;
  let failed = 0;
  for (const change of records) {
    const where = { eventID: change.eventID, sequenceNumber: change.dynamodb?.SequenceNumber };
    try {
      const decision = usersStreamRecordOf(change);
      if ("skip" in decision) {
        deps.logger.debug("change not fed", { ...where, reason: decision.skip });
        skipped++;
        continue;
      }
      const event = decision.publish;
      await deps.producer.put(deps.stream, [{ partitionKey: event.user_id, data: JSON.stringify(event) }]);
      deps.logger.debug("change fed", { ...where, event_id: event.event_id, event_type: event.event_type });
      published++;
    } catch (error) {
      // The record is never logged: its image holds emails, names and phone numbers.
      deps.logger.error("change not fed", {
        ...where,
        reason: error instanceof Error ? error.message : String(error),
      });
      failed++;
    }
  }
  return { published, skipped, failed };
}
