import {
  type Dependency,
  type DependencyLogger,
  exchange,
} from "../../../platform/adapters/http/outbound-http.ts";
import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { ArrayService } from "../../ports/array-service.port.ts";

export interface ArrayServiceHttpOptions {
  /** `ARRAY_API_URL`: Array's API origin (and any base path), e.g. `https://api.array.io`. */
  readonly baseUrl: string;
  /** `ARRAY_API_KEY`: sent in `x-array-api-key`, never logged or repeated in an error. */
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly logger: DependencyLogger;
}

/** Answers that mean the cleanup is (or needs no longer to be) scheduled. */
const SCHEDULED = new Set([200, 202, 404]);

/**
 * The production client of Array's user deletion. The contract is **our assumption** (Array's API
 * reference is not public to us; confirm it before production):
 *
 * `POST {ARRAY_API_URL}/v2/users/{user_id}/deletion` (no body; `{user_id}` percent-encoded) with the
 * headers `x-array-api-key` and `idempotency-key`:
 * - 202: deletion scheduled; 200: it already was; 404: Array does not know the user (nothing to clean
 *   up). All three resolve.
 * - 429, any 5xx, no answer within `timeoutMs` or no connection: UnavailableError (503): try later.
 * - anything else (401 / 403 for a refused key, 400, 409, 422, ...): DependencyError (502).
 * Neither error repeats Array's answer; the logs carry the operation and status only, never the key.
 */
export class ArrayServiceHttpClient implements ArrayService {
  readonly #base: URL;
  readonly #apiKey: string;
  readonly #dependency: Dependency;

  constructor(options: ArrayServiceHttpOptions) {
    this.#base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    this.#apiKey = options.apiKey;
    this.#dependency = { name: "Array", timeoutMs: options.timeoutMs, logger: options.logger };
  }

  async scheduleCleanup(userId: string, idempotencyKey: string): Promise<void> {
    const operation = "scheduleCleanup";
    const answer = await exchange(this.#dependency, {
      operation,
      method: "POST",
      url: new URL(`v2/users/${encodeURIComponent(userId)}/deletion`, this.#base),
      headers: {
        accept: "application/json",
        "x-array-api-key": this.#apiKey,
        "idempotency-key": idempotencyKey,
      },
    });
    if (SCHEDULED.has(answer.status)) return;
    this.#dependency.logger.warn("Array answered an unexpected status", { operation, status: answer.status });
    // Unlike the shared mapping (500 and 502 are failures), every 5xx from Array is taken as "not now".
    if (answer.status === 429 || answer.status >= 500) {
      throw new UnavailableError(`Array is unavailable (HTTP ${answer.status}); try again later`);
    }
    throw new DependencyError(`Array refused the user's deletion (HTTP ${answer.status})`);
  }
}
