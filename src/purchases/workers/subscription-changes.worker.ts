import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import type { Logger } from "../../platform/logging/logger.ts";
import { purchaseChangeOf } from "../adapters/dynamodb/purchases-change.mapper.ts";
import { exportedPurchase, exportedSubscriptionId } from "../adapters/export/export-record.mapper.ts";
import type { SnapshotSender } from "../ports/export.port.ts";
import { acquisitionsForNewPurchase } from "../use-cases/opt-ins/acquisitions.use-case.ts";
import type { OptInDeps } from "../use-cases/opt-ins/opt-in.deps.ts";
import { severDeletedSubscription } from "../use-cases/opt-ins/severance.use-case.ts";

export type SubscriptionChangesDeps = OptInDeps & {
  readonly snapshots: SnapshotSender;
  readonly logger: Logger;
};

/**
 * The `subscriptions` table's change feed (DynamoDB Streams on AWS, the change log locally), one record
 * at a time in order: every write sends a historical snapshot; a first write sends the opt-ins of the
 * links made before the state arrived; a TTL deletion severs every link with a cancellation per user.
 * A record that fails is reported by its sequence number, so the feed redelivers from it; every step
 * is idempotent (stable message ids, a snapshot per version), so the records after it are harmless.
 */
export function handleSubscriptionChanges(
  deps: SubscriptionChangesDeps,
  records: readonly DynamoDBRecord[],
  context?: Context,
): Promise<DynamoDBBatchResponse> {
  return processPartialResponse(
    { Records: [...records] },
    (record: DynamoDBRecord) => handleChange(deps, record),
    new BatchProcessor(EventType.DynamoDBStreams, { logger: deps.logger }),
    { ...(context ? { context } : {}), processInParallel: false, throwOnFullBatchFailure: false },
  );
}

async function handleChange(deps: SubscriptionChangesDeps, record: DynamoDBRecord): Promise<unknown> {
  const where = { eventID: record.eventID, sequenceNumber: record.dynamodb?.SequenceNumber };
  try {
    const change = purchaseChangeOf(record);
    if (change.kind === "stored") {
      const { purchase } = change;
      await deps.snapshots.send([
        {
          subscriptionId: exportedSubscriptionId(purchase.subscriptionId),
          version: purchase.version,
          snapshotDate: purchase.fetchedAt.toISOString().slice(0, 10),
          payload: exportedPurchase(purchase),
        },
      ]);
      const optIns = change.first ? await acquisitionsForNewPurchase(deps, purchase) : undefined;
      deps.logger.debug("subscription change handled", { ...where, first: change.first, optIns });
      return optIns;
    }
    if (change.kind === "expired") {
      const severed = await severDeletedSubscription(deps, change.purchase);
      deps.logger.info("expired subscription severed", { ...where, ...severed });
      return severed;
    }
    return undefined;
  } catch (error) {
    // The record is never logged: its image holds the store's ids and the member's account token.
    deps.logger.error("subscription change not handled", {
      ...where,
      reason: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
