import { z } from "zod";
import { AUTH0_SANDBOX } from "../../src/users/adapters/sandbox/identity-accounts.sandbox.ts";
import { type Answer, LoopbackServer, type Received } from "../support/loopback-server.ts";

/** The tenant the production client is configured with; its requests are redirected to the fake. */
export const FAKE_AUTH0 = {
  domain: "roster-test.us.auth0.com",
  clientId: "roster-test-m2m",
  clientSecret: "roster-test-m2m-secret",
} as const;

const USERS = "/api/v2/users/";
const UpdateBody = z.strictObject({ blocked: z.boolean() });

/**
 * Auth0's side of the wire for tests of the production client: the client-credentials grant at
 * `POST /oauth/token` (form-encoded, issues `mgmt-token-<n>`), and `PATCH` / `GET /api/v2/users/{id}`,
 * which need a live bearer token (401 otherwise). Accounts follow the sandbox's steering: a user id
 * containing `auth0-down` -> 503, `auth0-fail` -> 500, `auth0-missing` -> 404. Error bodies echo the
 * user's email, as vendors echo what they hold, so a test can show the client never repeats them.
 */
export async function startFakeAuth0() {
  const live = new Set<string>();
  const blocked = new Map<string, boolean>();
  let issued = 0;
  const server = await LoopbackServer.start(async (request): Promise<Answer> => {
    if (request.method === "POST" && request.url === "/oauth/token") {
      const form = new URLSearchParams(request.body);
      const granted =
        form.get("grant_type") === "client_credentials" &&
        form.get("client_id") === FAKE_AUTH0.clientId &&
        form.get("client_secret") === FAKE_AUTH0.clientSecret &&
        form.get("audience") === `https://${FAKE_AUTH0.domain}/api/v2/`;
      if (!granted)
        return { status: 401, body: { error: "access_denied", error_description: "Unauthorized" } };
      const token = `mgmt-token-${++issued}`;
      live.add(token);
      return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: 86_400 } };
    }
    const url = new URL(request.url, "http://fake");
    if (!url.pathname.startsWith(USERS)) return { status: 404, body: { message: "Not Found" } };
    if (!live.has(request.headers.authorization?.replace(/^Bearer /, "") ?? "")) {
      return { status: 401, body: { statusCode: 401, error: "Unauthorized", message: "Invalid token" } };
    }
    const userId = decodeURIComponent(url.pathname.slice(USERS.length));
    const steered = steer(userId);
    if (steered) return steered;
    if (request.method === "PATCH") {
      const body = UpdateBody.safeParse(parse(request));
      if (!body.success)
        return { status: 400, body: { statusCode: 400, message: "Payload validation error" } };
      blocked.set(userId, body.data.blocked);
      return { status: 200, body: { user_id: userId, email: "ada@example.com", blocked: body.data.blocked } };
    }
    if (request.method === "GET") {
      const state = blocked.get(userId);
      // Auth0 leaves `blocked` out for an account that was never blocked.
      return { status: 200, body: state === undefined ? {} : { blocked: state } };
    }
    return { status: 405 };
  });
  return { server, tokensIssued: () => issued, revokeTokens: () => live.clear() };
}

function steer(userId: string): Answer | undefined {
  const echo = { email: "ada@example.com", user_id: userId };
  if (userId.includes(AUTH0_SANDBOX.unavailable)) return { status: 503, body: { message: "down", ...echo } };
  if (userId.includes(AUTH0_SANDBOX.failing)) return { status: 500, body: { message: "boom", ...echo } };
  if (userId.includes(AUTH0_SANDBOX.missing))
    return { status: 404, body: { message: "The user does not exist.", ...echo } };
  return undefined;
}

function parse(request: Received): unknown {
  try {
    return JSON.parse(request.body);
  } catch {
    return undefined;
  }
}

/**
 * The SDK's documented `fetch` option, sending what the SDK addresses to `https://<domain>` to the
 * loopback fake (the ManagementClient always builds `https://` URLs from the domain).
 */
export function fetchThrough(origin: string): typeof fetch {
  const from = `https://${FAKE_AUTH0.domain}`;
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(from)) throw new TypeError(`unexpected request to ${url}`);
    return fetch(`${origin}${url.slice(from.length)}`, init);
  };
}
