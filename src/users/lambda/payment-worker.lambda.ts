/** prod-user-service-payment-worker (seed 004): Kinesis `{stage}-payments`, ReportBatchItemFailures. */
import { paymentWorkerHandler } from "../wiring/aws/payment-worker.aws.ts";

export const handler = await paymentWorkerHandler(process.env);
