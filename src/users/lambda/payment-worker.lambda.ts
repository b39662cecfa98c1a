/** prod-user-service-payment-worker (seed 004): Kinesis `{stage}-payments`, ReportBatchItemFailures. */
import type { KinesisStreamHandler } from "aws-lambda";
import { buildPaymentWorker } from "../wiring/aws/payment-worker.aws.ts";
import { loadPaymentWorkerConfig } from "../wiring/config/payment-worker.config.ts";
import { handlePaymentRecords } from "../workers/payment.worker.ts";

// Cold start only (top-level await in the ESM bundle): config parsed, Growthbook loaded once.
const deps = await buildPaymentWorker(loadPaymentWorkerConfig(process.env));

export const handler: KinesisStreamHandler = (event, context) =>
  handlePaymentRecords(deps, event.Records, context);
