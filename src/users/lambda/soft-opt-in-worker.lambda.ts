/** SQS `{stage}-purchases-soft-opt-ins` (the Purchases service's): each soft opt-in a consent record. */
import { softOptInWorkerHandler } from "../wiring/aws/soft-opt-in-worker.aws.ts";

export const handler = softOptInWorkerHandler(process.env);
