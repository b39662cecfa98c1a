import { SQSClient } from "@aws-sdk/client-sqs";
import { SqsQueueSender } from "./sqs.sender.ts";

/**
 * An SQS client of the region. The queue URL goes in each request's body; by default the SDK also
 * sends to the URL's host, which overrides an endpoint set by `AWS_ENDPOINT_URL_SQS` (a test stage's).
 * The region's endpoint serves every queue URL of the region, so it is the one used.
 */
export function createSqsClient(region: string): SQSClient {
  return new SQSClient({ region, useQueueUrlAsEndpoint: false });
}

/**
 * The platform's sender on such a client, for a composition root that imports this module on first use
 * (`await import(...)`): the SDK is CommonJS, whose named exports a bundle's dynamic import does not
 * see, so the chunk's entry is this ES module that imports it statically.
 */
export function sqsQueueSender(region: string): SqsQueueSender {
  return new SqsQueueSender({ client: createSqsClient(region) });
}
