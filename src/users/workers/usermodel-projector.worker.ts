import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import type { Logger } from "../../platform/logging/logger.ts";
import { userChangeOf } from "../adapters/dynamodb/user-change.mapper.ts";
import type { UsermodelProjection } from "../ports/usermodel-projection.port.ts";
import {
  type ProjectionOutcome,
  projectUserChange,
} from "../use-cases/search/project-user-change.use-case.ts";

export interface UsermodelProjectorDeps {
  readonly projection: UsermodelProjection;
  readonly logger: Logger;
}

/**
 * The usermodel projector: a batch of the users table's change records (DynamoDB Streams on AWS, the
 * embedded change log locally), one record at a time in feed order. A record that fails is reported in
 * `batchItemFailures` by its SequenceNumber, so the feed redelivers from it; the upsert is idempotent,
 * so records redelivered after it are harmless.
 */
export function projectUserChanges(
  deps: UsermodelProjectorDeps,
  records: readonly DynamoDBRecord[],
  context?: Context,
): Promise<DynamoDBBatchResponse> {
  return processPartialResponse(
    { Records: [...records] },
    (record: DynamoDBRecord) => projectRecord(deps, record),
    new BatchProcessor(EventType.DynamoDBStreams, { logger: deps.logger }),
    // In order, one statement at a time; a batch whose every record failed is reported, not thrown.
    { ...(context ? { context } : {}), processInParallel: false, throwOnFullBatchFailure: false },
  );
}

async function projectRecord(
  deps: UsermodelProjectorDeps,
  record: DynamoDBRecord,
): Promise<ProjectionOutcome> {
  const where = { eventID: record.eventID, sequenceNumber: record.dynamodb?.SequenceNumber };
  try {
    const outcome = await projectUserChange(deps, userChangeOf(record));
    deps.logger.debug("usermodel change projected", { ...where, outcome });
    return outcome;
  } catch (error) {
    // The record itself is never logged: its images hold names, emails and phone numbers.
    deps.logger.error("usermodel change not projected", {
      ...where,
      reason: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
