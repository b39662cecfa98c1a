import type { SQSHandler } from "aws-lambda";
import { createLogger } from "../../../platform/logging/logger.ts";
import { handleSnapshotMessages } from "../../workers/snapshot.worker.ts";
import { loadSnapshotWorkerConfig } from "../config/snapshot-worker.config.ts";
import { exportWriter } from "./export-writer.aws.ts";
import { PURCHASE_SERVICE } from "./service-name.aws.ts";

/** SQS `{stage}-purchases-snapshots`: each snapshot archived once in the object store. */
export function snapshotWorkerHandler(env: Record<string, string | undefined>): SQSHandler {
  const config = loadSnapshotWorkerConfig(env);
  const deps = {
    writer: exportWriter(config),
    logger: createLogger(`${PURCHASE_SERVICE}-snapshot-worker`, config.LOG_LEVEL),
  };
  return (event, context) => handleSnapshotMessages(deps, event.Records, context);
}
