import { createSqsClient } from "../../../platform/adapters/aws/sqs-client.factory.ts";
import { SqsCleanupQueue } from "../../adapters/sqs/cleanup-queue.sqs.ts";

/**
 * The cleanup queue on a client of the region, for a composition root that imports this module on
 * first use (only a cancellation or a closed account sends to it). The SDK is CommonJS, whose named
 * exports a bundle's dynamic import does not see: this ES module imports it statically.
 */
export function sqsCleanupQueue(region: string, queueUrl: string): SqsCleanupQueue {
  return new SqsCleanupQueue({ client: createSqsClient(region), queueUrl });
}
