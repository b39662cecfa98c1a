import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSRecord } from "aws-lambda";
import { SoftOptInMessage } from "../../contracts/purchases/soft-opt-in.message.ts";
import { parseSqsRecord } from "../../platform/events/stream-record.parser.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import type { RecordConsentDeps } from "../use-cases/consent/record-consent.use-case.ts";
import { recordSoftOptIn, type SoftOptInOutcome } from "../use-cases/consent/record-soft-opt-in.use-case.ts";

export interface SoftOptInWorkerDeps extends RecordConsentDeps {
  readonly logger: Logger;
}

/**
 * The soft opt-in worker on the Purchases service's `{stage}-purchases-soft-opt-ins` queue: each message
 * a consent record. A message that fails (the store down, a body that breaks the contract) is reported,
 * returned by SQS after the visibility timeout and, after the queue's receive count, dead-lettered.
 */
export function handleSoftOptInMessages(
  deps: SoftOptInWorkerDeps,
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

async function handleMessage(deps: SoftOptInWorkerDeps, record: SQSRecord): Promise<SoftOptInOutcome> {
  const where = { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount };
  try {
    const message = parseSqsRecord(record, SoftOptInMessage);
    const outcome = await recordSoftOptIn(deps, {
      eventType: message.event_type,
      userId: message.user_id,
      subscriptionId: message.subscription_id,
      platform: message.platform,
      productName: message.product_name,
      occurredAt: new Date(message.occurred_at),
    });
    deps.logger.info("soft opt-in handled", { ...where, event_type: message.event_type, ...outcome });
    return outcome;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    deps.logger.error("soft opt-in failed", { ...where, reason });
    throw error;
  }
}
