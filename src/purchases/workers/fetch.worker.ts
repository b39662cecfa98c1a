import type { Context, SQSBatchResponse, SQSRecord } from "aws-lambda";
import { processFifoGroupsSideBySide } from "../../platform/events/fifo-groups.batch.ts";
import { parseSqsRecord } from "../../platform/events/stream-record.parser.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import { FetchMessageSchema } from "../messages/fetch.message.ts";
import { type FetchOutcome, fetchSubscription } from "../use-cases/fetch/fetch-subscription.use-case.ts";
import { shortId } from "../use-cases/fetch/store-links.steps.ts";
import type { PurchasesDeps } from "../use-cases/purchases.deps.ts";

export type FetchWorkerDeps = PurchasesDeps & { readonly logger: Logger };

/**
 * The fetch worker on `{stage}-purchases-fetch.fifo`: Powertools' FIFO processor takes each message
 * group's messages in order and, at a failure, reports it and every later message of its group as
 * failed, so SQS delivers them again in the same order (a subscription's fetches never overtake each
 * other); a failed group is skipped, not the whole batch. The groups (one per subscription) are fetched
 * side by side (`processFifoGroupsSideBySide`): a batch waits for its slowest store call, not for the
 * sum of them. A retryable store error fails the message; after the queue's maxReceiveCount it moves to
 * the dead-letter queue.
 */
export function handleFetchMessages(
  deps: FetchWorkerDeps,
  records: readonly SQSRecord[],
  context?: Context,
): Promise<SQSBatchResponse> {
  return processFifoGroupsSideBySide(records, (record) => handleMessage(deps, record), context);
}

async function handleMessage(deps: FetchWorkerDeps, record: SQSRecord): Promise<FetchOutcome> {
  const where = { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount };
  try {
    const request = parseSqsRecord(record, FetchMessageSchema);
    const outcome = await fetchSubscription(deps, request);
    const fields = {
      ...where,
      reason: request.reason,
      ...outcome,
      subscriptionId: shortId(outcome.subscriptionId),
    };
    if (outcome.outcome === "gave-up") deps.logger.warn("subscription fetch gave up", fields);
    else deps.logger.info("subscription fetched", fields);
    return outcome;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    deps.logger.error("subscription fetch failed", { ...where, reason });
    throw error;
  }
}
