import type { z } from "zod";
import type { Clock } from "../../time/clock.port.ts";
import { type AwsCredentials, type RequestToSign, SigV4Signer } from "../aws/sigv4-signer.ts";
import {
  type Dependency,
  type DependencyLogger,
  exchange,
  type OutboundAnswer,
  type OutboundRequest,
  parseAnswer,
  unexpectedAnswer,
} from "./outbound-http.ts";

/** Where an internal, IAM-authorized FloatMe-style API lives and how long to wait for it. */
export type SignedJsonClientOptions = SigV4Options | InProcessOptions;

interface CommonOptions {
  /** The API's invoke URL with its stage, e.g. `https://abc123.execute-api.us-east-2.amazonaws.com/prod`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly logger: DependencyLogger;
}

/** AWS: every request SigV4-signed with the role's credentials, for API Gateway's IAM authorization. */
export interface SigV4Options extends CommonOptions {
  /** The region the API is deployed in (the SigV4 scope). */
  readonly region: string;
  readonly credentials: AwsCredentials;
}

/**
 * The local process: a Roster service's app in process (`send`), the caller a service principal of the
 * local issuer (`bearer` asked on every call, so it can hand out a fresh token before the last expires).
 */
export interface InProcessOptions extends CommonOptions {
  readonly bearer: () => string | Promise<string>;
  readonly send: (request: Request) => Promise<Response>;
}

type Credentials = (request: RequestToSign) => Promise<Record<string, string>>;

export interface SignedCall<S extends z.ZodType> {
  /** Names the call in logs, e.g. "charge". */
  readonly operation: string;
  readonly method: OutboundRequest["method"];
  /** Relative to the base URL, each segment already percent-encoded. */
  readonly path: string;
  readonly expected: number;
  readonly schema: S;
  readonly payload?: unknown;
  /** Sent as the `idempotency-key` header (signed like every other header). */
  readonly idempotencyKey?: string;
  /** Turns an answer the contract names (a decline, ...) into its error; undefined for the usual mapping. */
  readonly refuse?: (answer: OutboundAnswer) => Error | undefined;
}

/**
 * JSON over `fetch` to an API Gateway API with IAM authorization: every request SigV4-signed
 * (`execute-api`); in the local process the same calls to a Roster service's app in process with a
 * service token (`InProcessOptions`). Answers parsed with zod, failures mapped as outbound-http.ts says (503 for "not now",
 * 502 for anything else; never the dependency's own words). Shared by the clients of the internal
 * services the membership lifecycle coordinates.
 */
export class SignedJsonClient {
  readonly #base: URL;
  readonly #credentials: Credentials;
  readonly #dependency: Dependency;

  constructor(name: string, options: SignedJsonClientOptions) {
    this.#base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    const dependency = { name, timeoutMs: options.timeoutMs, logger: options.logger };
    if ("bearer" in options) {
      const { bearer } = options;
      this.#credentials = async (request) => ({
        ...request.headers,
        authorization: `Bearer ${await bearer()}`,
      });
      this.#dependency = { ...dependency, send: options.send };
    } else {
      const signer = new SigV4Signer({
        region: options.region,
        credentials: options.credentials,
        clock: options.clock,
      });
      this.#credentials = (request) => signer.sign(request);
      this.#dependency = dependency;
    }
  }

  async call<S extends z.ZodType>(call: SignedCall<S>): Promise<z.infer<S>> {
    const url = new URL(call.path, this.#base);
    const body = call.payload === undefined ? undefined : JSON.stringify(call.payload);
    const headers = await this.#credentials({
      method: call.method,
      url,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(call.idempotencyKey === undefined ? {} : { "idempotency-key": call.idempotencyKey }),
      },
      ...(body === undefined ? {} : { body }),
    });
    const answer = await exchange(this.#dependency, {
      operation: call.operation,
      method: call.method,
      url,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    if (answer.status === call.expected) {
      return parseAnswer(this.#dependency, call.operation, call.schema, answer.body);
    }
    const refused = call.refuse?.(answer);
    if (refused) throw refused;
    throw unexpectedAnswer(this.#dependency, call.operation, answer);
  }
}

/** `users/{user_id}/...` with the id percent-encoded. */
export function userPath(userId: string, ...rest: string[]): string {
  return ["users", encodeURIComponent(userId), ...rest].join("/");
}
