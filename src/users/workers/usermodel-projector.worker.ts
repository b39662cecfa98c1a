import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import type { Logger } from "../../platform/logging/logger.ts";
import { userChangeOf } from "../adapters/dynamodb/user-change.mapper.ts";
import type { UserChange } from "../domain/user-change.ts";
import type { UsermodelProjection } from "../ports/usermodel-projection.port.ts";
import {
  type ProjectionOutcome,
  projectUserChange,
  projectUserChangeBatch,
} from "../use-cases/search/project-user-change.use-case.ts";

export interface UsermodelProjectorDeps {
  readonly projection: UsermodelProjection;
  readonly logger: Logger;
}

/** What the batch write settled for one record: its outcome, or why it could not be read. */
type Settled = { readonly outcome: ProjectionOutcome } | { readonly unreadable: unknown };

/**
 * The usermodel projector: a batch of the users table's change records (DynamoDB Streams on AWS, the
 * embedded change log locally). The batch's versions go to PostgreSQL in one write (one multi-row
 * upsert, the newest version of each user winning); a record that cannot be read fails alone. When
 * PostgreSQL refuses the batch's write, the records are projected again one at a time in feed order,
 * so only the one it refuses fails. A record that fails is reported in `batchItemFailures` by its
 * SequenceNumber, so the feed redelivers from it; the upsert is idempotent, so records redelivered
 * after it are harmless.
 */
export async function projectUserChanges(
  deps: UsermodelProjectorDeps,
  records: readonly DynamoDBRecord[],
  context?: Context,
): Promise<DynamoDBBatchResponse> {
  const settled = await projectTogether(deps, records);
  return processPartialResponse(
    { Records: [...records] },
    (record: DynamoDBRecord) => {
      const together = settled?.get(record);
      return together ? reportSettled(deps, record, together) : projectRecord(deps, record);
    },
    new BatchProcessor(EventType.DynamoDBStreams, { logger: deps.logger }),
    // In order, one statement at a time; a batch whose every record failed is reported, not thrown.
    { ...(context ? { context } : {}), processInParallel: false, throwOnFullBatchFailure: false },
  );
}

/** The batch in one write; undefined when the projection refused it (each record is then tried alone). */
async function projectTogether(
  deps: UsermodelProjectorDeps,
  records: readonly DynamoDBRecord[],
): Promise<Map<DynamoDBRecord, Settled> | undefined> {
  const settled = new Map<DynamoDBRecord, Settled>();
  const readable: { record: DynamoDBRecord; change: UserChange }[] = [];
  for (const record of records) {
    try {
      readable.push({ record, change: userChangeOf(record) });
    } catch (unreadable) {
      settled.set(record, { unreadable });
    }
  }
  try {
    const outcomes = await projectUserChangeBatch(
      deps,
      readable.map(({ change }) => change),
    );
    readable.forEach(({ record }, index) => {
      settled.set(record, { outcome: outcomes[index] as ProjectionOutcome });
    });
    return settled;
  } catch (error) {
    deps.logger.warn("usermodel batch not projected together: projecting its records one at a time", {
      records: records.length,
      reason: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

function reportSettled(
  deps: UsermodelProjectorDeps,
  record: DynamoDBRecord,
  settled: Settled,
): ProjectionOutcome {
  if ("outcome" in settled) {
    deps.logger.debug("usermodel change projected", { ...whereOf(record), outcome: settled.outcome });
    return settled.outcome;
  }
  throw notProjected(deps, record, settled.unreadable);
}

async function projectRecord(
  deps: UsermodelProjectorDeps,
  record: DynamoDBRecord,
): Promise<ProjectionOutcome> {
  try {
    const outcome = await projectUserChange(deps, userChangeOf(record));
    deps.logger.debug("usermodel change projected", { ...whereOf(record), outcome });
    return outcome;
  } catch (error) {
    throw notProjected(deps, record, error);
  }
}

function whereOf(record: DynamoDBRecord) {
  return { eventID: record.eventID, sequenceNumber: record.dynamodb?.SequenceNumber };
}

function notProjected(deps: UsermodelProjectorDeps, record: DynamoDBRecord, error: unknown): unknown {
  // The record itself is never logged: its images hold names, emails and phone numbers.
  deps.logger.error("usermodel change not projected", {
    ...whereOf(record),
    reason: error instanceof Error ? error.message : String(error),
  });
  return error;
}
