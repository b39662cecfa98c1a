/** The gateway could not be reached in time, or said it is unavailable: repeat with the same key. */
export class GatewayUnavailableError extends Error {
  override readonly name = "GatewayUnavailableError";
}

/** The gateway refused the request (an unknown or detached method, a refund over what is left). */
export class GatewayRefusedError extends Error {
  override readonly name = "GatewayRefusedError";
  /** Which rule, in Roster's words: "unknown_method", "detached_method", "over_refund", "unknown_charge". */
  readonly rule: string;
  constructor(rule: string, message: string) {
    super(message);
    this.rule = rule;
  }
}

/** A webhook whose signature does not verify (or is too old): answered 400, acted on never. */
export class InvalidWebhookSignatureError extends Error {
  override readonly name = "InvalidWebhookSignatureError";
}
