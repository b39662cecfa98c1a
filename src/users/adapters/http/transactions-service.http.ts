import type { z } from "zod";
import { type AwsCredentials, SigV4Signer } from "../../../platform/adapters/aws/sigv4-signer.ts";
import {
  type Dependency,
  type DependencyLogger,
  exchange,
  type OutboundRequest,
  parseAnswer,
  unexpectedAnswer,
} from "../../../platform/adapters/http/outbound-http.ts";
import type { CursorCodec } from "../../../platform/store/cursor-codec.ts";
import { InvalidCursorError } from "../../../platform/store/store.errors.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type {
  KycSession,
  KycSessionPage,
  KycSessionPageRequest,
  KycSessionRequest,
  PlaidItem,
  TransactionsService,
} from "../../ports/transactions-service.port.ts";
import {
  ErrorAnswer,
  INVALID_CURSOR_CODE,
  KycSessionAnswer,
  KycSessionPageAnswer,
  PlaidItemsAnswer,
  RemovedAnswer,
} from "./transactions-service.wire.ts";

export interface TransactionsServiceHttpOptions {
  /** The API's invoke URL with its stage, e.g. `https://abc123.execute-api.us-east-2.amazonaws.com/prod`. */
  readonly baseUrl: string;
  /** The region the API is deployed in (the SigV4 scope). */
  readonly region: string;
  readonly credentials: AwsCredentials;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly logger: DependencyLogger;
  /**
   * Seals the service's KYC session cursors again for Roster's clients (the API's codec): opaque, bound
   * to the user, expiring, whatever the service's own look like. Without one they pass through.
   */
  readonly cursors?: CursorCodec;
}

/**
 * The production client of the Transactions Service: an internal REST API behind API Gateway with IAM
 * authorization, so every request is SigV4-signed (service `execute-api`) with the Lambda role's
 * credentials. The contract assumed (paths relative to the base URL; `{user_id}` percent-encoded):
 *
 * | call | request | answer |
 * |---|---|---|
 * | listPlaidItems | `GET users/{user_id}/plaid-items` | 200 `{ items: [{ item_id, institution_id, institution_name, status }] }` (empty for an unknown user) |
 * | removePlaidItems | `DELETE users/{user_id}/plaid-items` | 200 `{ removed }` (0 when there was none) |
 * | startKycSession | `POST users/{user_id}/kyc-sessions` `{ provider, redirect_uri }` | 201 the session |
 * | listKycSessions | `GET users/{user_id}/kyc-sessions?limit=&cursor=` | 200 `{ items, next_cursor? }` newest first; 400 `{ code: "INVALID_CURSOR" }` |
 *
 * A session is `{ kyc_session_id, user_id, provider, status, session_url, redirect_uri, created_at,
 * expires_at }` (RFC 3339 times). Requests carry `accept: application/json`; bodies are JSON.
 * Failures: no answer within `timeoutMs`, no connection, 429, 503 or 504 -> UnavailableError (503);
 * any other status or a body outside the contract -> DependencyError (502). Neither repeats the
 * service's answer, and nothing but the operation and status is logged.
 */
export class TransactionsServiceHttpClient implements TransactionsService {
  readonly #base: URL;
  readonly #signer: SigV4Signer;
  readonly #dependency: Dependency;
  readonly #cursors: CursorCodec | undefined;

  constructor(options: TransactionsServiceHttpOptions) {
    this.#cursors = options.cursors;
    this.#base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    this.#signer = new SigV4Signer({
      region: options.region,
      credentials: options.credentials,
      clock: options.clock,
    });
    this.#dependency = {
      name: "the Transactions Service",
      timeoutMs: options.timeoutMs,
      logger: options.logger,
    };
  }

  async listPlaidItems(userId: string): Promise<PlaidItem[]> {
    const operation = "listPlaidItems";
    const body = await this.#call(operation, "GET", this.#url(userId, "plaid-items"), 200, PlaidItemsAnswer);
    return body.items;
  }

  async removePlaidItems(userId: string): Promise<{ readonly removed: number }> {
    const url = this.#url(userId, "plaid-items");
    const body = await this.#call("removePlaidItems", "DELETE", url, 200, RemovedAnswer);
    return { removed: body.removed };
  }

  async startKycSession(userId: string, input: KycSessionRequest): Promise<KycSession> {
    const url = this.#url(userId, "kyc-sessions");
    const request = { provider: input.provider, redirect_uri: input.redirect_uri };
    return this.#call("startKycSession", "POST", url, 201, KycSessionAnswer, request);
  }

  async listKycSessions(userId: string, page: KycSessionPageRequest): Promise<KycSessionPage> {
    const url = this.#url(userId, "kyc-sessions");
    const binding = JSON.stringify(["kyc-sessions", userId]);
    url.searchParams.set("limit", String(page.limit));
    if (page.cursor !== undefined) url.searchParams.set("cursor", this.#openCursor(binding, page.cursor));
    const body = await this.#call("listKycSessions", "GET", url, 200, KycSessionPageAnswer);
    if (body.next_cursor === undefined) return { items: body.items };
    const next = this.#cursors ? this.#cursors.seal(binding, body.next_cursor) : body.next_cursor;
    return { items: body.items, next_cursor: next };
  }

  #openCursor(binding: string, cursor: string): string {
    if (!this.#cursors) return cursor;
    const inner = this.#cursors.open(binding, cursor);
    if (typeof inner !== "string") throw new InvalidCursorError();
    return inner;
  }

  #url(userId: string, collection: string): URL {
    return new URL(`users/${encodeURIComponent(userId)}/${collection}`, this.#base);
  }

  async #call<S extends z.ZodType>(
    operation: string,
    method: OutboundRequest["method"],
    url: URL,
    expected: number,
    schema: S,
    payload?: unknown,
  ): Promise<z.infer<S>> {
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    const headers = await this.#signer.sign({
      method,
      url,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body }),
    });
    const answer = await exchange(this.#dependency, {
      operation,
      method,
      url,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    if (answer.status === expected) return parseAnswer(this.#dependency, operation, schema, answer.body);
    if (answer.status === 400 && url.searchParams.has("cursor") && isInvalidCursor(answer.body)) {
      throw new InvalidCursorError();
    }
    throw unexpectedAnswer(this.#dependency, operation, answer);
  }
}

function isInvalidCursor(body: unknown): boolean {
  const parsed = ErrorAnswer.safeParse(body);
  return parsed.success && parsed.data.code === INVALID_CURSOR_CODE;
}
