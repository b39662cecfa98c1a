import { isIP } from "node:net";
import { getConnInfo as nodeConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { getConnInfo as lambdaConnInfo } from "hono/aws-lambda";

/**
 * The address a request came from, as the runtime saw it (never a header or body field a client
 * controls); undefined when the runtime cannot tell. Injected so tests can give a fixed one.
 */
export type SourceAddress = (c: Context) => string | undefined;

/** The local process (`@hono/node-server`): the peer of the TCP connection. */
export const nodeSourceAddress: SourceAddress = (c) => ipOrUndefined(() => nodeConnInfo(c).remote.address);

/**
 * Behind API Gateway: `requestContext.identity.sourceIp` (REST) or `requestContext.http.sourceIp`
 * (HTTP API), which API Gateway sets from the connection.
 */
export const apiGatewaySourceAddress: SourceAddress = (c) =>
  ipOrUndefined(() => lambdaConnInfo(c).remote.address);

/** Bindings are absent when the app is called directly (e.g. `app.request()`): no address then. */
function ipOrUndefined(read: () => string | undefined): string | undefined {
  try {
    const address = read();
    return address && isIP(address) !== 0 ? address : undefined;
  } catch {
    return undefined;
  }
}
