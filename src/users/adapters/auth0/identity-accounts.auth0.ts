import { ManagementClient, ManagementError, ManagementTimeoutError } from "auth0";
import type { DependencyLogger } from "../../../platform/adapters/http/outbound-http.ts";
import { DependencyError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { IdentityAccounts } from "../../ports/identity-accounts.port.ts";

export interface Auth0AccountsOptions {
  /** The tenant's domain, a bare host name: `roster.us.auth0.com`. */
  readonly domain: string;
  /** A machine-to-machine application granted `read:users` and `update:users` on the Management API. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** For each Management API request (the SDK's `timeoutInSeconds`). */
  readonly timeoutMs: number;
  /** The SDK retries 408, 429 and 5xx answers this many times, with backoff (its default is 2). */
  readonly maxRetries: number;
  readonly logger: DependencyLogger;
  /**
   * The SDK's documented `fetch` option. The SDK always calls `https://<domain>`; tests pass a fetch that
   * sends those requests to a loopback fake instead. Production leaves it unset.
   */
  readonly fetch?: typeof fetch;
}

const NAME = "Auth0";
/** Management API statuses that say "not now" rather than "no". */
const UNAVAILABLE_STATUSES = new Set([408, 429, 503, 504]);

/**
 * Auth0 accounts on the `auth0` package's `ManagementClient` (v5+ API): client-credentials token from
 * `POST https://<domain>/oauth/token` (cached by the SDK until shortly before it expires), then
 * `PATCH /api/v2/users/{id}` with `{ blocked: true | false }` and `GET /api/v2/users/{id}?fields=blocked`.
 * PATCH sets the flag whatever it was, so both writes are idempotent.
 *
 * Failures: a timeout, no connection, 408, 429, 503 or 504 -> UnavailableError (503); refused
 * credentials, an unknown user (404) or any other status -> DependencyError (502). Auth0's answer is
 * never repeated or logged: logs carry the operation and the status only. The token request's own
 * timeout is the SDK's fixed 10 s.
 */
export class Auth0IdentityAccounts implements IdentityAccounts {
  readonly #client: ManagementClient;
  readonly #logger: DependencyLogger;

  constructor(options: Auth0AccountsOptions) {
    this.#logger = options.logger;
    this.#client = new ManagementClient({
      domain: options.domain,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      timeoutInSeconds: options.timeoutMs / 1000,
      maxRetries: options.maxRetries,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async block(userId: string): Promise<void> {
    await this.#call("block", () => this.#client.users.update(userId, { blocked: true }));
  }

  async unblock(userId: string): Promise<void> {
    await this.#call("unblock", () => this.#client.users.update(userId, { blocked: false }));
  }

  async isBlocked(userId: string): Promise<boolean> {
    const user = await this.#call("isBlocked", () =>
      this.#client.users.get(userId, { fields: "blocked", include_fields: true }),
    );
    return user.blocked === true;
  }

  async #call<T>(operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.#failure(operation, error);
    }
  }

  /** Maps the SDK's errors; the message and body of Auth0's answer stay out of both log and error. */
  #failure(operation: string, error: unknown): DependencyError | UnavailableError {
    const status = error instanceof ManagementError ? error.statusCode : undefined;
    const unreachable =
      error instanceof ManagementTimeoutError ||
      (error instanceof ManagementError && status === undefined) ||
      error instanceof TypeError; // fetch's "fetch failed" on the token request
    this.#logger.warn(`${NAME} Management API call failed`, {
      operation,
      ...(status === undefined
        ? { reason: unreachable ? "unreachable or timed out" : "unexpected error" }
        : { status }),
    });
    if (unreachable || (status !== undefined && UNAVAILABLE_STATUSES.has(status))) {
      return new UnavailableError(`${NAME} is unavailable; try again later`);
    }
    if (status === 404) return new DependencyError(`${NAME} has no account for this user`);
    return new DependencyError(`${NAME} failed; try again later`);
  }
}
