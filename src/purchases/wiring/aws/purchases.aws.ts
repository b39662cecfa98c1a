import { awsTableStore } from "../../../platform/adapters/aws/dynamodb-table-store.factory.ts";
import type { SqsQueueSender } from "../../../platform/adapters/aws/sqs.sender.ts";
import { createLogger, type Logger } from "../../../platform/logging/logger.ts";
import { onFirstUse } from "../../../platform/service/on-first-use.ts";
import type { TableStore } from "../../../platform/store/table-store.port.ts";
import { type Clock, systemClock } from "../../../platform/time/clock.port.ts";
import { type IdGenerator, randomIds } from "../../../platform/time/id-generator.port.ts";
import type { PurchasesAwsConfig } from "../config/purchases.config.ts";
import { type PurchasesParts, purchasesDeps } from "../purchases.services.ts";
import { PURCHASE_SERVICE } from "./service-name.aws.ts";

/** What every function of the service starts from, once per cold start. */
export interface PurchasesAwsBase {
  readonly store: TableStore;
  /** The service's queues (SQS), the client loaded by the first message sent. */
  readonly queues: Pick<SqsQueueSender, "sendBatch" | "sendEntries">;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export function purchasesAwsBase(
  config: Pick<PurchasesAwsConfig, "STAGE" | "LOG_LEVEL" | "AWS_REGION" | "DYNAMODB_ENDPOINT">,
  fn: string,
  clock: Clock = systemClock,
  ids: IdGenerator = randomIds,
): PurchasesAwsBase {
  return {
    store: awsTableStore(config, clock),
    // The region's endpoint, not each queue URL's host (sqs-client.factory.ts); loaded by the first
    // message: a status read, a health check or a run with nothing to send never needs the SQS client.
    queues: onFirstUse<Pick<SqsQueueSender, "sendBatch" | "sendEntries">>(async () => {
      const { sqsQueueSender } = await import("../../../platform/adapters/aws/sqs-client.factory.ts");
      return sqsQueueSender(config.AWS_REGION);
    }),
    logger: createLogger(`${PURCHASE_SERVICE}-${fn}`, config.LOG_LEVEL),
    clock,
    ids,
  };
}

/** The use cases' dependencies on DynamoDB and the FIFO fetch queue (its URL), with the stores given. */
export function awsPurchasesDeps(
  base: PurchasesAwsBase,
  fetchQueueUrl: string,
  parts: Pick<PurchasesParts, "apps" | "apple" | "google" | "braze">,
) {
  return purchasesDeps({
    store: base.store,
    fetchQueue: base.queues,
    fetchQueueName: fetchQueueUrl,
    clock: base.clock,
    ids: base.ids,
    ...parts,
  });
}
