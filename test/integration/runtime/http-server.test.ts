import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_HEADER_BYTES } from "../../../src/platform/http/client-error.ts";
import { type HttpServer, startHttpServer } from "../../../src/runtime/local/http-server.ts";
import type { Json } from "../../support/json.ts";

interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** A GET with `headers` over a real socket, read as Node's client parses the answer. */
function get(port: number, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"], body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** `bytes` written on a socket as they are; the answer read until the server closes the connection. */
function raw(port: number, bytes: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      text += chunk;
    });
    socket.on("error", reject);
    socket.on("end", () => {
      const [head = "", body = ""] = text.split("\r\n\r\n");
      const [statusLine = "", ...fields] = head.split("\r\n");
      const contentType = fields.find((f) => /^content-type:/i.test(f))?.replace(/^content-type:\s*/i, "");
      resolve({ status: Number(statusLine.split(" ")[1]), contentType, body });
    });
  });
}

describe("the local process's HTTP server", () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await startHttpServer(() => new Response("hello"), { port: 0, hostname: "127.0.0.1" });
  });
  afterAll(() => server.close());

  it("answers header fields over 16 KiB with a 431 problem+json before any app sees the request", async () => {
    const answer = await get(server.port, { "x-padding": "x".repeat(MAX_HEADER_BYTES + 1024) });

    expect(answer.status).toBe(431);
    expect(answer.contentType).toBe("application/problem+json");
    expect(JSON.parse(answer.body) as Json).toEqual({
      type: "https://roster.dev/problems/request-header-fields-too-large",
      title: "Request header fields too large",
      status: 431,
      detail: "the request's header fields are over 16384 bytes",
    });
  });

  it("answers a request it cannot parse with a 400 problem+json", async () => {
    const answer = await raw(server.port, "GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n");

    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe("application/problem+json");
    expect(JSON.parse(answer.body) as Json).toMatchObject({ status: 400, title: "Bad request" });
  });

  it("still serves requests within the limits", async () => {
    const answer = await get(server.port, { "x-padding": "x".repeat(1024) });

    expect([answer.status, answer.body]).toEqual([200, "hello"]);
  });
});
