import { createHash } from "node:crypto";
import { StoreApiError } from "../../domain/store-api.errors.ts";

/** What a GaxiosError carries that matters here (gaxios' `status`, Google's `{error:{code,message}}`). */
interface ApiFailure {
  readonly status?: number;
  readonly code?: string | number;
  readonly response?: { readonly data?: unknown };
}

/** A purchase token named in a reason: the first 8 hex of its SHA-256, never the token. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 8);
}

/** Google's own words, without the token (some messages repeat the request) and cut short. */
export function googleMessage(error: unknown, token: string): string {
  const data = (error as ApiFailure | undefined)?.response?.data as
    | { error?: { message?: unknown } }
    | undefined;
  const message = typeof data?.error?.message === "string" ? data.error.message : "";
  return message
    .split(token)
    .join(`token#${tokenHash(token)}`)
    .slice(0, 160);
}

/**
 * A failed Play Developer API call as a typed `StoreApiError` (retry rules of research/purchases.md
 * section 1: 410 is gone for good, an invalid or unknown token is given up, 429/5xx/network retried).
 */
export function storeApiErrorOf(error: unknown, call: string, token: string): StoreApiError {
  const failure = (error ?? {}) as ApiFailure;
  const status = typeof failure.status === "number" ? failure.status : undefined;
  const said = googleMessage(error, token);
  const of = `${call} of token#${tokenHash(token)}`;
  if (status === undefined)
    return new StoreApiError(`${of}: Google Play did not answer (${String(failure.code ?? "network")})`, {
      retryable: true,
    });
  if (status === 410)
    return new StoreApiError(`${of}: the purchase token is gone (410)`, { retryable: false, status });
  if (status === 404)
    return new StoreApiError(`${of}: Google Play does not know this purchase (404)`, {
      retryable: false,
      status,
    });
  if (status === 401 || status === 403)
    return new StoreApiError(
      `${of}: Google Play refused Roster's credentials (${status}); check the service account key and its access to the app in the Play Console`,
      { retryable: false, status },
    );
  if (status === 429 || status >= 500)
    return new StoreApiError(`${of}: Google Play is unavailable or throttling (${status})`, {
      retryable: true,
      status,
    });
  return new StoreApiError(`${of}: Google Play refused the request (${status}${said ? `: ${said}` : ""})`, {
    retryable: false,
    status,
  });
}
