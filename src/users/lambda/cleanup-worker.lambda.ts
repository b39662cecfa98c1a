/** prod-user-service-cleanup (seed 000): SQS `{stage}-user-service-cleanup`, ReportBatchItemFailures, a DLQ. */
import type { SQSHandler } from "aws-lambda";
import { buildCleanupWorker } from "../wiring/aws/cleanup-worker.aws.ts";
import { loadCleanupWorkerConfig } from "../wiring/config/cleanup-worker.config.ts";
import { handleCleanupMessages } from "../workers/cleanup.worker.ts";

const deps = buildCleanupWorker(loadCleanupWorkerConfig(process.env));

export const handler: SQSHandler = (event, context) => handleCleanupMessages(deps, event.Records, context);
