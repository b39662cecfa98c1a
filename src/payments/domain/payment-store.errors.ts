import { BusinessRuleError, ConflictError, NotFoundError } from "../../platform/errors/app.errors.ts";

/** The idempotency key was used before with another request: 409, and nothing is charged or refunded. */
export class IdempotencyConflictError extends ConflictError {
  override readonly name: string = "IdempotencyConflictError";
  constructor(what: "charge" | "refund") {
    super(`this Idempotency-Key was used for another ${what} request; use a new key for a new request`);
  }
}

export class UnknownChargeError extends NotFoundError {
  override readonly name: string = "UnknownChargeError";
  constructor() {
    super("no such charge");
  }
}

export class UnknownPaymentMethodError extends NotFoundError {
  override readonly name: string = "UnknownPaymentMethodError";
  constructor() {
    super("no such payment method for this user");
  }
}

/** A charge's state machine refuses the change (the reason names the current state). */
export class ChargeRefusedError extends BusinessRuleError {
  override readonly name: string = "ChargeRefusedError";
}

/**
 * Nothing is left to refund: the charge was refunded in full, charged back, or never collected. 422 with
 * `code` CHARGE_NOT_REFUNDABLE and the charge's `charge_status`, so a caller that only wants the money
 * back (the User Service undoing a step) reads REFUNDED or CHARGED_BACK as done.
 */
export class ChargeNotRefundableError extends ChargeRefusedError {
  override readonly name: string = "ChargeNotRefundableError";
  override readonly extensions: Readonly<Record<string, string>>;
  constructor(status: string) {
    super(`cannot refund a charge that is ${status}: nothing of it is left to refund`);
    this.extensions = { code: "CHARGE_NOT_REFUNDABLE", charge_status: status };
  }
}

/** The payment method is detached: it can be neither charged nor made the default. */
export class DetachedPaymentMethodError extends BusinessRuleError {
  override readonly name: string = "DetachedPaymentMethodError";
  constructor() {
    super("the payment method is detached; attach a card again");
  }
}

export class UnknownRefundError extends NotFoundError {
  override readonly name: string = "UnknownRefundError";
  constructor() {
    super("no such refund");
  }
}
