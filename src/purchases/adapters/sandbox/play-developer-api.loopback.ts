import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { toSubscriptionPurchaseV2 } from "./play-sandbox-purchase.mapper.ts";
import type { PlayStoreSandboxState } from "./play-store-sandbox.state.ts";

const BASE = "/androidpublisher/v3/applications/";
const GET = /^([^/]+)\/purchases\/subscriptionsv2\/tokens\/([^/]+)$/;
const ACKNOWLEDGE = /^([^/]+)\/purchases\/subscriptions\/([^/]+)\/tokens\/([^/]+):acknowledge$/;

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** Google's error body (cloud.google.com/apis/design/errors#http_mapping). */
function googleError(code: number, status: string, message: string, reason: string): Answer {
  return {
    status: code,
    body: { error: { code, message, status, errors: [{ message, domain: "global", reason }] } },
  };
}

const FAILURES: Readonly<Record<number, Answer>> = {
  429: googleError(
    429,
    "RESOURCE_EXHAUSTED",
    "Quota exceeded for quota metric 'Queries'.",
    "rateLimitExceeded",
  ),
  500: googleError(500, "INTERNAL", "Internal error encountered.", "backendError"),
  503: googleError(503, "UNAVAILABLE", "The service is currently unavailable.", "backendError"),
};

export interface PlayDeveloperApiLoopbackOptions {
  readonly state: PlayStoreSandboxState;
  /** The bearer token the client must send (PlayDeveloperClient's `accessToken` credentials). */
  readonly accessToken: string;
}

/**
 * The Play Developer API on a loopback port, as much of it as Roster calls: subscriptionsv2.get and the
 * v1 acknowledge, answering from the sandbox state (read on every request). Point PlayDeveloperClient's
 * `rootUrl` at `origin`.
 */
export class PlayDeveloperApiLoopback {
  readonly #server: Server;
  readonly #options: PlayDeveloperApiLoopbackOptions;
  #failures: number[] = [];
  /** Requests answered, failures included: what a retry test counts. */
  requests = 0;

  private constructor(server: Server, options: PlayDeveloperApiLoopbackOptions) {
    this.#server = server;
    this.#options = options;
  }

  static async start(options: PlayDeveloperApiLoopbackOptions): Promise<PlayDeveloperApiLoopback> {
    const server = createServer();
    const loopback = new PlayDeveloperApiLoopback(server, options);
    server.on("request", (req, res) => {
      req.resume();
      req.on("end", () => {
        loopback.#answer(req).then(
          (answer) => send(res, answer),
          () => send(res, FAILURES[500] as Answer),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return loopback;
  }

  /** The `rootUrl` for the client (with its trailing slash, as googleapis joins paths). */
  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
  }

  /** The next `times` requests answer `status` (429, 500 or 503), whatever they ask. */
  failNext(times: number, status: 429 | 500 | 503): void {
    this.#failures.push(...Array.from({ length: times }, () => status));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #answer(req: IncomingMessage): Promise<Answer> {
    this.requests++;
    const failure = this.#failures.shift();
    if (failure !== undefined) return FAILURES[failure] as Answer;
    if (req.headers.authorization !== `Bearer ${this.#options.accessToken}`)
      return googleError(
        401,
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials.",
        "authError",
      );
    const path = new URL(req.url ?? "/", "http://loopback").pathname;
    if (!path.startsWith(BASE)) return googleError(404, "NOT_FOUND", "Not found.", "notFound");
    const rest = path.slice(BASE.length);
    const get = req.method === "GET" ? GET.exec(rest) : null;
    if (get) return this.#get(decode(get[1]), decode(get[2]));
    const ack = req.method === "POST" ? ACKNOWLEDGE.exec(rest) : null;
    if (ack) return this.#acknowledge(decode(ack[1]), decode(ack[2]), decode(ack[3]));
    return googleError(404, "NOT_FOUND", "Not found.", "notFound");
  }

  async #get(packageName: string, token: string): Promise<Answer> {
    const found = await this.#find(packageName, token);
    if ("status" in found) return found;
    return { status: 200, body: toSubscriptionPurchaseV2(found) };
  }

  async #acknowledge(packageName: string, productId: string, token: string): Promise<Answer> {
    const found = await this.#find(packageName, token);
    if ("status" in found) return found;
    if (found.productId !== productId)
      return googleError(400, "INVALID_ARGUMENT", "Invalid Value", "invalid");
    // Acknowledging again changes nothing and answers 200.
    if (!found.acknowledged) await this.#options.state.put(token, { ...found, acknowledged: true });
    return { status: 200, body: "" };
  }

  async #find(packageName: string, token: string) {
    const purchase = await this.#options.state.get(token);
    if (!purchase || purchase.packageName !== packageName)
      return googleError(404, "NOT_FOUND", "The purchase token was not found.", "purchaseTokenNotFound");
    if (purchase.gone)
      return googleError(
        410,
        "GONE",
        "The subscription purchase is no longer available for query because it has been expired for too long.",
        "subscriptionPurchaseNoLongerAvailable",
      );
    return purchase;
  }
}

const decode = (segment: string | undefined) => decodeURIComponent(segment ?? "");

function send(res: ServerResponse, answer: Answer): void {
  const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/json; charset=UTF-8" });
  res.end(body);
}
