import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors/app.errors.ts";

/** The user has no subscription (never had one): 404 with `code` NO_SUBSCRIPTION. */
export class NoSubscriptionError extends NotFoundError {
  override readonly name: string = "NoSubscriptionError";
  override readonly extensions = { code: "NO_SUBSCRIPTION" } as const;
  constructor(what = "this user has no subscription") {
    super(what);
  }
}

/** A live subscription exists for the user already (one per user): 409 with `code` SUBSCRIPTION_EXISTS. */
export class SubscriptionExistsError extends ConflictError {
  override readonly name: string = "SubscriptionExistsError";
  override readonly extensions: Readonly<Record<string, string>>;
  constructor(subscriptionId: string) {
    super("this user already has a live subscription; cancel it first, or reactivate");
    this.extensions = { code: "SUBSCRIPTION_EXISTS", subscription_id: subscriptionId };
  }
}

/** The subscription ended: nothing but reading it and reactivating is left. */
export class SubscriptionEndedError extends ConflictError {
  override readonly name: string = "SubscriptionEndedError";
  override readonly extensions: Readonly<Record<string, string>>;
  constructor(status: string) {
    super(`the subscription is ${status}: it no longer bills; reactivate for a new one`);
    this.extensions = { code: "SUBSCRIPTION_ENDED", status };
  }
}

/** The Idempotency-Key was used before with another request: 409, and nothing changed. */
export class IdempotencyConflictError extends ConflictError {
  override readonly name: string = "IdempotencyConflictError";
  constructor() {
    super("this Idempotency-Key was used for another request; use a new key for a new request");
  }
}

/** One field of a command broke a rule the schema cannot know (an unknown plan, a start in the past). */
export const fieldError = (path: string, message: string) => new ValidationError([{ path, message }]);
