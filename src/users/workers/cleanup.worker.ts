import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSRecord } from "aws-lambda";
import { parseSqsRecord } from "../../platform/events/stream-record.parser.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { CleanupMessageSchema } from "../messages/cleanup.message.ts";
import {
  type AccountCleanupDeps,
  type CleanupOutcome,
  cleanUpAccount,
} from "../use-cases/membership/clean-up-account.use-case.ts";

export interface CleanupWorkerDeps extends AccountCleanupDeps {
  readonly logger: Logger;
}

/**
 * The cleanup worker on `{stage}-user-service-cleanup` (seed 000): each message on its own. A message
 * that fails (a step failed, or it does not parse) is reported, so SQS returns it after the visibility
 * timeout; after the queue's maxReceiveCount it moves to the dead-letter queue. Messages that succeeded
 * are deleted by the event source.
 */
export function handleCleanupMessages(
  deps: CleanupWorkerDeps,
  records: readonly SQSRecord[],
  context?: Context,
): Promise<SQSBatchResponse> {
  return processPartialResponse(
    { Records: [...records] },
    (record: SQSRecord) => handleMessage(deps, record),
    new BatchProcessor(EventType.SQS, { logger: deps.logger }),
    { ...(context ? { context } : {}), processInParallel: true, throwOnFullBatchFailure: false },
  );
}

async function handleMessage(deps: CleanupWorkerDeps, record: SQSRecord): Promise<CleanupOutcome> {
  const where = { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount };
  try {
    const message = parseSqsRecord(record, CleanupMessageSchema);
    const outcome = await cleanUpAccount(deps, message);
    const fields = { ...where, user_id: message.user_id, reason: message.reason, ...outcome };
    if (outcome.done) deps.logger.info("account cleaned up", fields);
    else deps.logger.warn("account cleanup skipped", fields);
    return outcome;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    deps.logger.error("account cleanup failed", { ...where, reason });
    throw error;
  }
}
