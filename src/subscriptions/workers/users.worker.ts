import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, KinesisStreamBatchResponse, KinesisStreamRecord } from "aws-lambda";
import { UsersStreamRecordSchema } from "../../contracts/users/users.message.ts";
import { parseKinesisRecord } from "../../platform/events/stream-record.parser.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import {
  endBillingForMembership,
  type MembershipEndedDeps,
} from "../use-cases/events/membership-ended.use-case.ts";

export interface UsersWorkerDeps extends MembershipEndedDeps {
  readonly logger: Logger;
}

/**
 * The Subscription Service's worker on the User Service's `users` stream: a membership record whose
 * status is CANCELLED (BANNED, CLOSEACCOUNT, a completed cancellation) ends billing at once,
 * idempotently. Everything else is skipped, PAUSE_COLLECTION_SKIPPED included: the User Service writes
 * it in answer to this service's own `pause-skipped` (seed 004), and acting on it would loop.
 */
export function handleUsersRecords(
  deps: UsersWorkerDeps,
  records: readonly KinesisStreamRecord[],
  context?: Context,
): Promise<KinesisStreamBatchResponse> {
  return processPartialResponse(
    { Records: [...records] },
    (record: KinesisStreamRecord) => handle(deps, record),
    new BatchProcessor(EventType.KinesisDataStreams, { logger: deps.logger }),
    { ...(context ? { context } : {}), processInParallel: false, throwOnFullBatchFailure: false },
  );
}

async function handle(deps: UsersWorkerDeps, record: KinesisStreamRecord): Promise<string> {
  const where = { sequenceNumber: record.kinesis.sequenceNumber };
  const parsed = parseKinesisRecord(record, UsersStreamRecordSchema);
  if (parsed.db_type !== "MEMBERSHIP" || parsed.payload.membership_status !== "CANCELLED") {
    return "skipped";
  }
  const reason = parsed.payload.membership_event_type;
  const outcome = await endBillingForMembership(deps, {
    userId: parsed.payload.membership_user_id,
    reason: reason === "CANCEL" ? "membership_cancelled" : reason.toLowerCase(),
    at: new Date(parsed.occurred_at),
  });
  deps.logger.info("membership ended", { ...where, event_id: parsed.event_id, event_type: reason, outcome });
  return outcome;
}
