import { processPartialResponse, SqsFifoPartialProcessorAsync } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSRecord } from "aws-lambda";

/**
 * A FIFO queue's batch with its message groups side by side. Within a group Powertools'
 * `SqsFifoPartialProcessorAsync` keeps SQS's order: one message at a time, and at a failure that message
 * and every later one of its group are reported failed, so SQS gives them again in the same order.
 * Different groups have no order between them (SQS itself hands them to concurrent invocations), so
 * one group's handler does not wait for another's: a batch of ten subscriptions' fetches costs the
 * slowest group rather than the sum. Powertools runs a FIFO batch strictly one record after another
 * and has no option for this; the split is all that is added, each group's processing is Powertools'.
 */
export async function processFifoGroupsSideBySide<T>(
  records: readonly SQSRecord[],
  handler: (record: SQSRecord) => Promise<T>,
  context?: Context,
): Promise<SQSBatchResponse> {
  const answers = await Promise.all(
    [...byMessageGroup(records).values()].map((group) =>
      processPartialResponse({ Records: group }, handler, new SqsFifoPartialProcessorAsync(), {
        ...(context ? { context } : {}),
        skipGroupOnError: true,
        throwOnFullBatchFailure: false,
      }),
    ),
  );
  const batchItemFailures: SQSBatchItemFailure[] = answers.flatMap((answer) => answer.batchItemFailures);
  return { batchItemFailures };
}

/** The batch's records by `MessageGroupId`, each group in the batch's order (SQS's order within it). */
function byMessageGroup(records: readonly SQSRecord[]): Map<string, SQSRecord[]> {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of records) {
    const group = record.attributes.MessageGroupId ?? "";
    const members = groups.get(group);
    if (members) members.push(record);
    else groups.set(group, [record]);
  }
  return groups;
}
