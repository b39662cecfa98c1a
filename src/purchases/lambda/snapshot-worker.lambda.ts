/** SQS `{stage}-purchases-snapshots`: the historical snapshots archived in the object store. */
import { snapshotWorkerHandler } from "../wiring/aws/snapshot-worker.aws.ts";

export const handler = snapshotWorkerHandler(process.env);
