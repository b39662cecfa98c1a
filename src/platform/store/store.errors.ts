/** A conditional write whose condition did not hold; nothing was written. */
export class ConditionFailedError extends Error {
  override readonly name = "ConditionFailedError";
  readonly table: string;
  constructor(table: string) {
    super(`the condition on the write to ${table} did not hold`);
    this.table = table;
  }
}

/** DynamoDB's cancellation reason codes that the store reports per action. */
export type CancellationReason = "None" | "ConditionalCheckFailed" | "TransactionConflict";

/** A transaction that wrote nothing; `reasons[i]` tells why action `i` was refused ("None" if it was not). */
export class TransactionCanceledError extends Error {
  override readonly name = "TransactionCanceledError";
  readonly reasons: readonly CancellationReason[];
  constructor(reasons: readonly CancellationReason[]) {
    super(`transaction cancelled: [${reasons.join(", ")}]`);
    this.reasons = reasons;
  }
}

/** A request the store refuses before touching data: a malformed key, a too large item or transaction. */
export class StoreValidationError extends Error {
  override readonly name = "StoreValidationError";
}
