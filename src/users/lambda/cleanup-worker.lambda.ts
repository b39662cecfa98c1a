/** prod-user-service-cleanup (seed 000): SQS `{stage}-user-service-cleanup`, ReportBatchItemFailures, a DLQ. */
import { cleanupWorkerHandler } from "../wiring/aws/cleanup-worker.aws.ts";

export const handler = cleanupWorkerHandler(process.env);
