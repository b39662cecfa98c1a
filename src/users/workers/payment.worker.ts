import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, KinesisStreamBatchResponse, KinesisStreamRecord } from "aws-lambda";
import { PaymentRecordSchema } from "../../contracts/payments/payments.message.ts";
import { parseKinesisRecord } from "../../platform/events/stream-record.parser.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import {
  banForChargeback,
  type ChargebackDeps,
  type ChargebackOutcome,
} from "../use-cases/membership/ban-for-chargeback.use-case.ts";

export interface PaymentWorkerDeps extends ChargebackDeps {
  readonly logger: Logger;
}

/**
 * Seed 004's payment worker on `{stage}-payments`: each record on its own, in order. A PaymentProcessed
 * CHARGED_BACK bans the user (flag permitting); any other status, and the refund and dispute records, are
 * logged and skipped. A record that does not parse or
 * whose ban failed is reported by its sequence number, so it and the records after it are retried.
 */
export function handlePaymentRecords(
  deps: PaymentWorkerDeps,
  records: readonly KinesisStreamRecord[],
  context?: Context,
): Promise<KinesisStreamBatchResponse> {
  return processPartialResponse(
    { Records: [...records] },
    (record: KinesisStreamRecord) => handlePayment(deps, record),
    new BatchProcessor(EventType.KinesisDataStreams, { logger: deps.logger }),
    { ...(context ? { context } : {}), processInParallel: false, throwOnFullBatchFailure: false },
  );
}

async function handlePayment(
  deps: PaymentWorkerDeps,
  record: KinesisStreamRecord,
): Promise<ChargebackOutcome | "ignored"> {
  const where = { sequenceNumber: record.kinesis.sequenceNumber };
  try {
    const { event_id, event_type, payload } = parseKinesisRecord(record, PaymentRecordSchema);
    if (event_type !== "PaymentProcessed" || payload.status !== "CHARGED_BACK") {
      deps.logger.info("payment event skipped", { ...where, event_id, event_type, status: payload.status });
      return "ignored";
    }
    const outcome = await banForChargeback(deps, payload.userId);
    const message = outcome === "banned" ? "user banned" : "chargeback ban not made";
    deps.logger.info(message, { ...where, event_id, user_id: payload.userId, outcome });
    return outcome;
  } catch (error) {
    deps.logger.error("payment event failed", { ...where, reason: reasonOf(error) });
    throw error;
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
