import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, KinesisStreamBatchResponse, KinesisStreamRecord } from "aws-lambda";
import { PaymentRecordSchema } from "../../contracts/payments/payments.message.ts";
import { parseKinesisRecord } from "../../platform/events/stream-record.parser.ts";
import type { Logger } from "../../platform/logging/logger.ts";
import {
  applyRenewalPayment,
  type PaymentOutcomeDeps,
} from "../use-cases/events/payment-outcome.use-case.ts";

export interface PaymentsWorkerDeps extends PaymentOutcomeDeps {
  readonly logger: Logger;
}

/**
 * The Subscription Service's worker on `{stage}-payments`: each record on its own, in order. A
 * PaymentProcessed of a renewal (it names the subscription; `orderId` is the billing cycle) settles or
 * disputes its cycle; every other record is skipped. A record that does not parse or whose change
 * failed is reported by its sequence number, so it and the ones after it are retried (bisected, then
 * sent to the on-failure destination: one bad record never stops the others for long).
 */
export function handlePaymentsRecords(
  deps: PaymentsWorkerDeps,
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

async function handle(deps: PaymentsWorkerDeps, record: KinesisStreamRecord): Promise<string> {
  const where = { sequenceNumber: record.kinesis.sequenceNumber };
  const parsed = parseKinesisRecord(record, PaymentRecordSchema);
  if (
    parsed.event_type !== "PaymentProcessed" ||
    !("subscriptionId" in parsed.payload) ||
    !parsed.payload.subscriptionId
  ) {
    deps.logger.debug("payment record skipped", {
      ...where,
      event_id: parsed.event_id,
      event_type: parsed.event_type,
    });
    return "skipped";
  }
  const { payload } = parsed;
  const outcome = await applyRenewalPayment(deps, {
    cycleId: payload.orderId,
    confirmationId: payload.transactionId,
    status: payload.status,
    at: new Date(payload.timestamp),
  });
  deps.logger.info("renewal payment applied", {
    ...where,
    event_id: parsed.event_id,
    status: payload.status,
    outcome,
  });
  return outcome;
}
