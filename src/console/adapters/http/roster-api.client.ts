import type { Operator } from "../../domain/operator.ts";
import type { ApiAnswer, ApiCall, RosterApi } from "../../ports/roster-api.port.ts";

/** How a request is sent and signed as an operator: the only part that differs between the runtimes. */
export interface OperatorTransport {
  /** The service's base URL for a path (its first segment picks the API on AWS; one app locally). */
  readonly baseUrl: (path: string) => string;
  /** The headers that carry the operator's identity (a bearer token; SigV4's headers). */
  readonly sign: (operator: Operator, request: Request) => Promise<Request>;
  readonly send: (request: Request) => Promise<Response>;
  readonly timeoutMs: number;
}

/**
 * The services' APIs as the operator, over `fetch`: JSON in and out, a refusal's problem document
 * passed back as the service wrote it (the console shows it in plain words), and a service that cannot
 * be reached (a timeout, a reset) answered as a 503 problem that says which.
 */
export class OperatorRosterApi implements RosterApi {
  readonly #transport: OperatorTransport;

  constructor(transport: OperatorTransport) {
    this.#transport = transport;
  }

  async call(operator: Operator, call: ApiCall): Promise<ApiAnswer> {
    const url = new URL(call.path.replace(/^\//, ""), withSlash(this.#transport.baseUrl(call.path)));
    const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    if (call.idempotencyKey !== undefined) headers["idempotency-key"] = call.idempotencyKey;
    const unsigned = new Request(url, {
      method: call.method,
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      signal: AbortSignal.timeout(this.#transport.timeoutMs),
    });
    try {
      const response = await this.#transport.send(await this.#transport.sign(operator, unsigned));
      const text = await response.text();
      return { status: response.status, body: text.length === 0 ? undefined : parseJson(text) };
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === "TimeoutError";
      return {
        status: 503,
        body: {
          type: "about:blank",
          title: "Service Unavailable",
          status: 503,
          detail: timedOut
            ? `the service did not answer within ${this.#transport.timeoutMs} ms`
            : "the service could not be reached",
        },
      };
    }
  }
}

const withSlash = (base: string) => (base.endsWith("/") ? base : `${base}/`);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { title: "The service answered something other than JSON" };
  }
}
