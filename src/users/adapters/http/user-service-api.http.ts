import type { DependencyLogger } from "../../../platform/adapters/http/outbound-http.ts";
import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { BanOutcome, UserServiceApi } from "../../ports/user-service-api.port.ts";
import type { Authorize } from "./user-service-api.authorizers.ts";

export interface HttpUserServiceApiOptions {
  /**
   * `USER_SERVICE_API_URL`: the internal API's invoke URL with its stage on AWS; locally any origin (the
   * requests go to the in-process app through `fetch`).
   */
  readonly baseUrl: string;
  /** `sigV4Authorizer` on AWS, `bearerAuthorizer` locally (`user-service-api.authorizers.ts`). */
  readonly authorize: Authorize;
  /** Sends the request: the global `fetch` by default; locally `(request) => app.fetch(request)`. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** How long a call may take before it is UnavailableError (default 10 s). */
  readonly timeoutMs?: number;
  readonly logger: DependencyLogger;
}

const OUTCOMES: Readonly<Record<number, BanOutcome>> = { 200: "banned", 409: "refused", 404: "unknown-user" };

/**
 * The User Service's own API as its workers call it, over HTTP. `banUser` is `POST {baseUrl}/{user_id}/user/ban`
 * with `{ "reason": reason }` (the route's `ReasonSchema`): 200 -> "banned", 409 -> "refused",
 * 404 -> "unknown-user"; any 5xx, no answer within the timeout or no connection -> UnavailableError;
 * any other status (400, 401, 403: Roster is misconfigured) -> DependencyError. Errors name the status,
 * never the answer's body; the logs carry the operation and status only.
 */
export class HttpUserServiceApi implements UserServiceApi {
  readonly #base: URL;
  readonly #authorize: Authorize;
  readonly #fetch: (request: Request) => Promise<Response>;
  readonly #timeoutMs: number;
  readonly #logger: DependencyLogger;
  /**
   * The requests in flight. A Request follows its timeout signal through a weak reference (Node's
   * fetch), so when the `fetch` it is given keeps no hold of it (a test double that only waits for the
   * abort), a garbage collection before the timeout would drop the request and the timeout with it.
   */
  readonly #inFlight = new Set<Request>();

  constructor(options: HttpUserServiceApiOptions) {
    this.#base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    this.#authorize = options.authorize;
    this.#fetch = options.fetch ?? ((request) => fetch(request));
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#logger = options.logger;
  }

  async banUser(userId: string, reason: string): Promise<BanOutcome> {
    const operation = "banUser";
    const request = new Request(new URL(`${encodeURIComponent(userId)}/user/ban`, this.#base), {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ reason }),
      redirect: "error",
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    const status = await this.#send(operation, await this.#authorize(request));
    const outcome = OUTCOMES[status];
    if (outcome) return outcome;
    this.#logger.warn("the User Service API answered an unexpected status", { operation, status });
    if (status >= 500)
      throw new UnavailableError(`the User Service API is unavailable (HTTP ${status}); try again later`);
    throw new DependencyError(`the User Service API refused ${operation} (HTTP ${status})`);
  }

  /** Sends the request and answers its status; the body is dropped unread (it is never needed). */
  async #send(operation: string, request: Request): Promise<number> {
    let response: Response;
    this.#inFlight.add(request);
    try {
      response = await this.#fetch(request);
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      this.#logger.warn(`the User Service API ${timedOut ? "timed out" : "could not be reached"}`, {
        operation,
        timeoutMs: this.#timeoutMs,
      });
      throw new UnavailableError(
        timedOut
          ? `the User Service API did not answer within ${this.#timeoutMs} ms; try again later`
          : "the User Service API could not be reached; try again later",
      );
    } finally {
      this.#inFlight.delete(request);
    }
    await response.body?.cancel().catch(() => undefined);
    return response.status;
  }
}
