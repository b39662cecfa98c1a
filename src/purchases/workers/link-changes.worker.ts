import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import type { Logger } from "../../platform/logging/logger.ts";
import { newLinkOf } from "../adapters/dynamodb/purchases-change.mapper.ts";
import { acquisitionForLink } from "../use-cases/opt-ins/acquisitions.use-case.ts";
import type { OptInDeps } from "../use-cases/opt-ins/opt-in.deps.ts";

export type LinkChangesDeps = OptInDeps & { readonly logger: Logger };

/**
 * The `user-subscriptions` table's change feed: a new link sends the member's soft opt-in (acquisition)
 * to the queue the User Service reads, unless the subscription's state has not arrived yet (its first
 * write sends it then). A record that fails is reported by its sequence number and redelivered.
 */
export function handleLinkChanges(
  deps: LinkChangesDeps,
  records: readonly DynamoDBRecord[],
  context?: Context,
): Promise<DynamoDBBatchResponse> {
  return processPartialResponse(
    { Records: [...records] },
    async (record: DynamoDBRecord) => {
      const where = { eventID: record.eventID, sequenceNumber: record.dynamodb?.SequenceNumber };
      try {
        const link = newLinkOf(record);
        if (!link) return undefined;
        const outcome = await acquisitionForLink(deps, link);
        deps.logger.debug("link change handled", { ...where, source: link.source, outcome });
        return outcome;
      } catch (error) {
        deps.logger.error("link change not handled", {
          ...where,
          reason: error instanceof Error ? error.message : String(error),
        });
        throw error;
      }
    },
    new BatchProcessor(EventType.DynamoDBStreams, { logger: deps.logger }),
    { ...(context ? { context } : {}), processInParallel: false, throwOnFullBatchFailure: false },
  );
}
