/** A conditional write whose condition did not hold; nothing was written. */
export class ConditionFailedError extends Error {
  override readonly name: string = "ConditionFailedError";
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
  override readonly name: string = "TransactionCanceledError";
  readonly reasons: readonly CancellationReason[];
  constructor(reasons: readonly CancellationReason[]) {
    super(`transaction cancelled: [${reasons.join(", ")}]`);
    this.reasons = reasons;
  }
}

/** A request the store refuses before touching data: a malformed key, a too large item or transaction. */
export class StoreValidationError extends Error {
  override readonly name: string = "StoreValidationError";
}

/**
 * A page cursor this list did not issue (another list's, another user's, altered, unreadable) or one
 * past its lifetime: the caller's input, so a 400 naming `query.cursor`.
 */
export class InvalidCursorError extends StoreValidationError {
  override readonly name: string = "InvalidCursorError";
  constructor(why: "foreign" | "stale" = "foreign") {
    super(
      why === "stale"
        ? "the cursor has expired (a cursor lasts 24 hours); start again without it"
        : "the cursor is not one this list issued; start again without it",
    );
  }
}
