import { BusinessRuleError, ConflictError } from "../../platform/errors/app.errors.ts";

/** The user already has a consent of this key at this very millisecond. */
export class ConsentTakenError extends ConflictError {
  override readonly name = "ConsentTakenError";
  constructor(userId: string, consentKey: string, timestamp: string) {
    super(`user ${userId} already has a ${consentKey} consent at ${timestamp}`);
  }
}

export class SourceAddressUnknownError extends BusinessRuleError {
  override readonly name = "SourceAddressUnknownError";
  constructor() {
    super(
      "the request's source address could not be determined; a consent is recorded only with the address it was given from",
    );
  }
}
