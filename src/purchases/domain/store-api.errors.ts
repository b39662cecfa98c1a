/**
 * A store API call that failed. `retryable` says whether asking again later may help (5xx, 429, network,
 * OCSP); a terminal failure (410 Gone, an invalid token, a subscription the store does not know, the
 * wrong environment) is recorded and the message acknowledged. `reason` names the cause, never a token.
 */
export class StoreApiError extends Error {
  override readonly name = "StoreApiError";
  readonly retryable: boolean;
  readonly reason: string;
  readonly status: number | undefined;

  constructor(reason: string, options: { readonly retryable: boolean; readonly status?: number }) {
    super(reason);
    this.reason = reason;
    this.retryable = options.retryable;
    this.status = options.status;
  }
}
