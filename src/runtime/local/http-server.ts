import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { answerClientError } from "../../platform/http/client-error.ts";

export interface HttpServer {
  readonly server: Server;
  /** The port it listens on (the one asked for, or the free one it was given for port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `fetch` on a Node HTTP server at `hostname:port`, as the local process serves its one-port app: the
 * requests Node refuses before any app sees them (header fields over 16 KiB, a malformed request line)
 * are answered as problem+json too (platform/http/client-error.ts).
 */
export function startHttpServer(
  fetch: (request: Request) => Response | Promise<Response>,
  options: { readonly port: number; readonly hostname: string },
): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: options.port, hostname: options.hostname }, (info: AddressInfo) =>
      resolve({
        server,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      }),
    ) as Server;
    server.on("clientError", answerClientError);
    server.once("error", reject);
  });
}
