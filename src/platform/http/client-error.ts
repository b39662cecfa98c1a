import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import {
  type AppError,
  ContentTooLargeError,
  HeaderFieldsTooLargeError,
  RequestTimeoutError,
  ValidationError,
} from "../errors/app.errors.ts";
import { PROBLEM_CONTENT_TYPE, toProblem } from "../errors/problem.ts";

/** Node's default limit of a request's header fields (`--max-http-header-size`), which the server keeps. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** How long a refused client may take to close its side before the socket is destroyed. */
const LINGER_MS = 2_000;

/**
 * Node's HTTP server answers requests it cannot parse itself, before any app sees them, with a bare
 * status line (431 for header fields over the limit, 408 for a request not sent in time, 413 for chunk
 * extensions over the limit, 400 for the rest): this answers them alike, as problem+json. Hand-written because @hono/node-server has no hook there; Node
 * calls it as the server's `clientError` listener, which replaces its default answer
 * (https://nodejs.org/api/http.html#event-clienterror). On AWS, API Gateway refuses such requests
 * before the Lambda runs.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // The client went away, or a response is already under way on this connection: nothing can be said.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight) {
    socket.destroy();
    return;
  }
  socket.end(rawProblemResponse(refusal(error)));
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

function refusal(error: NodeJS.ErrnoException): AppError {
  if (error.code === "HPE_HEADER_OVERFLOW")
    return new HeaderFieldsTooLargeError(`the request's header fields are over ${MAX_HEADER_BYTES} bytes`);
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return new RequestTimeoutError("the request was not received whole in time");
  if (error.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW")
    return new ContentTooLargeError("the request body's chunk extensions are too large");
  // The parser's reason (e.g. "Invalid header value char"), never the bytes it refused.
  return new ValidationError([{ path: "request", message: `malformed HTTP request: ${error.message}` }]);
}

function rawProblemResponse(error: AppError): string {
  const body = JSON.stringify(toProblem(error));
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ""}`,
    `content-type: ${PROBLEM_CONTENT_TYPE}`,
    `content-length: ${Buffer.byteLength(body)}`,
    "connection: close",
    "",
    body,
  ].join("\r\n");
}
