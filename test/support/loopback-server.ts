import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the vendor's side received it. */
export interface Received {
  readonly method: string;
  /** Path and query as sent on the wire. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Answer {
  readonly status: number;
  /** Sent as JSON; a string is sent as it is. */
  readonly body?: unknown;
  /** Besides `content-type: application/json`. */
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (request: Received) => Promise<Answer>;

/**
 * A vendor's HTTP side on a free loopback port, for tests of production clients. It records every
 * request, answers through the handler, and on demand answers with a given status or never answers.
 */
export class LoopbackServer {
  readonly received: Received[] = [];
  #server: Server;
  #override: Answer | undefined;
  #hanging = false;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(handler: Handler): Promise<LoopbackServer> {
    const server = createServer();
    const loopback = new LoopbackServer(server);
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const request = {
          method: req.method ?? "GET",
          url: req.url ?? "/",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        };
        loopback.received.push(request);
        if (loopback.#hanging) return;
        const answer = loopback.#override ? Promise.resolve(loopback.#override) : handler(request);
        answer.then(
          (a) => send(res, a),
          (error: unknown) => send(res, { status: 500, body: { message: String(error) } }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return loopback;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Every later request gets this answer, whatever it asks. */
  answerEveryRequestWith(answer: Answer): void {
    this.#override = answer;
  }

  /** Every later request is read and never answered. */
  neverAnswer(): void {
    this.#hanging = true;
  }

  /** Back to the handler's answers. */
  behave(): void {
    this.#override = undefined;
    this.#hanging = false;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function send(res: ServerResponse, answer: Answer): void {
  const body =
    answer.body === undefined
      ? ""
      : typeof answer.body === "string"
        ? answer.body
        : JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
  res.end(body);
}
