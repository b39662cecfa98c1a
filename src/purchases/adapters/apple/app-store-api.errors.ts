import { APIError, APIException, VerificationException } from "@apple/app-store-server-library";
import { StoreApiError } from "../../domain/store-api.errors.ts";
import { isRetryableVerification, verificationReason } from "./apple-signed-data.verifiers.ts";

/**
 * 404s Apple says to retry: the data is not there yet (a purchase moments old).
 * https://developer.apple.com/documentation/appstoreserverapi/originaltransactionidnotfoundretryableerror
 */
const RETRYABLE_CODES = new Set<number>([
  APIError.ACCOUNT_NOT_FOUND_RETRYABLE,
  APIError.APP_NOT_FOUND_RETRYABLE,
  APIError.ORIGINAL_TRANSACTION_ID_NOT_FOUND_RETRYABLE,
  APIError.GENERAL_INTERNAL_RETRYABLE,
]);

/**
 * An App Store Server API failure as a `StoreApiError`. Retryable: 5xx, 429, Apple's "retryable" codes,
 * no answer at all. 401 (the key, key id, issuer id or bundle id is wrong) is retryable too: it is a
 * configuration error that a deploy fixes, and retrying keeps the fetch in the queue (then its dead-letter
 * queue, alarmed) instead of acknowledging it and losing the change. Every other 4xx (404, an unknown or
 * invalid transaction id) is terminal. Messages name the status and Apple's error code, never the key,
 * the bearer token or a signed payload.
 */
export function appStoreApiError(error: unknown): StoreApiError {
  if (error instanceof StoreApiError) return error;
  if (!(error instanceof APIException))
    return new StoreApiError("the App Store Server API did not answer, or answered an unreadable body", {
      retryable: true,
    });
  const status = error.httpStatusCode;
  const code = typeof error.apiError === "number" ? error.apiError : undefined;
  const named = code === undefined ? "" : ` (${APIError[code] ?? "error"} ${code})`;
  if (status === 401)
    return new StoreApiError(
      "the App Store Server API refused the bearer token (401): check the key id, issuer id, signing key and bundle id",
      { retryable: true, status },
    );
  const retryable = status >= 500 || status === 429 || (code !== undefined && RETRYABLE_CODES.has(code));
  return new StoreApiError(`the App Store Server API answered ${status}${named}`, { retryable, status });
}

/** A signed item of an API answer that does not verify: terminal but for an OCSP check not made now. */
export function signedItemError(field: string, error: unknown): unknown {
  if (error instanceof StoreApiError) return error;
  if (isRetryableVerification(error))
    return new StoreApiError(`${field}: Apple's certificate revocation check (OCSP) could not be made`, {
      retryable: true,
    });
  if (error instanceof VerificationException)
    return new StoreApiError(`the App Store's ${field} is refused: ${verificationReason(error)}`, {
      retryable: false,
    });
  return error;
}
