/** prod-user-service-cleanup (seed 000): SQS `{stage}-user-service-cleanup`, ReportBatchItemFailures, a DLQ. */
import type { SQSHandler } from "aws-lambda";
import { loadCleanupWorkerConfig } from "../../runtime/aws/aws-workers.config.ts";
import { buildCleanupWorker } from "../../runtime/aws/build-aws-workers.ts";
import { handleCleanupMessages } from "../workers/cleanup.worker.ts";

const deps = buildCleanupWorker(loadCleanupWorkerConfig(process.env));

export const handler: SQSHandler = (event, context) => handleCleanupMessages(deps, event.Records, context);
