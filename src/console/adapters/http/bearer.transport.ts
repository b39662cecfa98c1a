import type { Operator } from "../../domain/operator.ts";
import type { OperatorTransport } from "./roster-api.client.ts";

/**
 * The local process: every service in one app (`send` is the local process's `fetch`), the operator
 * named by a token of the local issuer minted for each call (so none outlives the next clock move).
 */
export function bearerTransport(options: {
  readonly token: (operator: Operator) => Promise<string>;
  readonly send: (request: Request) => Promise<Response>;
  readonly timeoutMs: number;
}): OperatorTransport {
  return {
    baseUrl: () => "http://roster.internal/",
    sign: async (operator, request) => {
      const signed = new Request(request);
      signed.headers.set("authorization", `Bearer ${await options.token(operator)}`);
      return signed;
    },
    send: options.send,
    timeoutMs: options.timeoutMs,
  };
}
