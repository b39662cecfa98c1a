import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type CancellationReason,
  ConditionFailedError,
  StoreValidationError,
  TransactionCanceledError,
} from "../../store/store.errors.ts";

const REPORTED_REASONS: readonly string[] = [
  "None",
  "ConditionalCheckFailed",
  "TransactionConflict",
] satisfies CancellationReason[];

/**
 * The store's errors for DynamoDB's: callers see the same classes from both adapters. Anything else
 * (throttling after the SDK's retries, network, permissions) is rethrown as the SDK raised it.
 */
export function toStoreError(error: unknown, tableName: string): unknown {
  if (error instanceof ConditionalCheckFailedException) return new ConditionFailedError(tableName);
  if (error instanceof TransactionCanceledException) return transactionError(error);
  if (error instanceof Error && error.name === "ValidationException") {
    return new StoreValidationError(`${tableName}: ${error.message}`, { cause: error });
  }
  return error;
}

/**
 * CancellationReasons has one entry per action, in order
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
 * A ValidationError reason (e.g. an item grown past 400 KB by an update) is the caller's mistake,
 * reported as such; throttling reasons have no CancellationReason and stay SDK errors.
 */
function transactionError(error: TransactionCanceledException): unknown {
  const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
  const invalid = (error.CancellationReasons ?? []).find((reason) => reason.Code === "ValidationError");
  if (invalid) {
    return new StoreValidationError(`transaction refused: ${invalid.Message ?? error.message}`, {
      cause: error,
    });
  }
  if (reasons.length === 0 || !reasons.every((code) => REPORTED_REASONS.includes(code))) return error;
  return new TransactionCanceledError(reasons as CancellationReason[]);
}
