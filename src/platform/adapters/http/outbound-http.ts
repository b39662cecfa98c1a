import type { z } from "zod";
import { DependencyError, UnavailableError } from "../../errors/app.errors.ts";
import type { Logger } from "../../logging/logger.ts";

/** What an outbound client logs: warnings about its dependency, never a request or response body. */
export type DependencyLogger = Pick<Logger, "warn">;

/** One dependency as the client names it in errors and logs. */
export interface Dependency {
  /** How a person reads it in an error: "the Transactions Service". */
  readonly name: string;
  readonly timeoutMs: number;
  readonly logger: DependencyLogger;
  /**
   * Sends the request: the global `fetch` by default; in the local process a Roster service's app in
   * process (`(request) => platform.fetch(request)`), with the same timeout.
   */
  readonly send?: (request: Request) => Promise<Response>;
}

export interface OutboundRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Names the call in logs, e.g. "startKycSession". */
  readonly operation: string;
}

/** An answer of the dependency: its status and its body parsed as JSON (undefined when empty or not JSON). */
export interface OutboundAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Sends one request and reads the whole answer within the dependency's timeout. A request that cannot
 * be sent or is not answered in time is an UnavailableError: the caller may try again later.
 */
export async function exchange(dependency: Dependency, request: OutboundRequest): Promise<OutboundAnswer> {
  try {
    const signal = AbortSignal.timeout(dependency.timeoutMs);
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: "error",
      signal,
    };
    const send = dependency.send;
    const response =
      send === undefined
        ? await fetch(request.url, init)
        : await withinSignal(send(new Request(request.url, init)), signal);
    const text = await withinSignal(response.text(), signal);
    return { status: response.status, body: parseJson(text) };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    dependency.logger.warn(`${dependency.name} ${timedOut ? "timed out" : "could not be reached"}`, {
      operation: request.operation,
      timeoutMs: dependency.timeoutMs,
    });
    throw new UnavailableError(
      timedOut
        ? `${dependency.name} did not answer within ${dependency.timeoutMs} ms; try again later`
        : `${dependency.name} could not be reached; try again later`,
    );
  }
}

/**
 * The error for an answer the contract does not expect. 429, 503 and 504 say "not now" (503 for our
 * caller); anything else is a failure of the dependency (502). Its body is never repeated or logged:
 * vendors echo what they were sent.
 */
export function unexpectedAnswer(
  dependency: Dependency,
  operation: string,
  answer: OutboundAnswer,
): DependencyError | UnavailableError {
  dependency.logger.warn(`${dependency.name} answered an unexpected status`, {
    operation,
    status: answer.status,
  });
  return [429, 503, 504].includes(answer.status)
    ? new UnavailableError(`${dependency.name} is unavailable; try again later`)
    : new DependencyError(`${dependency.name} failed; try again later`);
}

/** The body as the contract says it is, or a DependencyError naming only the paths that were wrong. */
export function parseAnswer<S extends z.ZodType>(
  dependency: Dependency,
  operation: string,
  schema: S,
  body: unknown,
): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  dependency.logger.warn(`${dependency.name} answered outside its contract`, {
    operation,
    paths: parsed.error.issues.map((issue) => issue.path.join(".") || "(body)"),
  });
  throw new DependencyError(`${dependency.name} answered something this client does not understand`);
}

/** An in-process app need not honour the request's signal: the timeout holds all the same. */
function withinSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
