import { describe, expect, it } from "vitest";
import { lazyAuth0Accounts } from "../../../src/users/wiring/aws/auth0-accounts.aws.ts";
import { recordingLogger } from "../../support/recording-logger.ts";

/** Auth0's answers, in process: a client-credentials token, then the account's `blocked` flag. */
function auth0InProcess() {
  const requests: string[] = [];
  let blocked = false;
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    requests.push(`${method} ${url.host}${url.pathname}`);
    if (url.pathname === "/oauth/token")
      return json({ access_token: "t", token_type: "Bearer", expires_in: 3600 });
    if (method === "PATCH") blocked = (JSON.parse(String(init?.body)) as { blocked: boolean }).blocked;
    return json({ blocked });
  };
  return { fetch, requests };
}

describe("Auth0 accounts loaded on first use", () => {
  it("calls nobody until asked, then answers as the SDK client does", async () => {
    const auth0 = auth0InProcess();
    const accounts = lazyAuth0Accounts({
      domain: "roster-test.us.auth0.com",
      clientId: "m2m",
      clientSecret: "m2m-secret",
      timeoutMs: 5_000,
      maxRetries: 0,
      logger: recordingLogger().logger,
      fetch: auth0.fetch,
    });
    expect(auth0.requests).toEqual([]);

    await accounts.block("auth0|ada");
    const afterBlock = await accounts.isBlocked("auth0|ada");
    await accounts.unblock("auth0|ada");

    expect(afterBlock).toBe(true);
    expect(await accounts.isBlocked("auth0|ada")).toBe(false);
    expect(auth0.requests).toEqual([
      "POST roster-test.us.auth0.com/oauth/token",
      "PATCH roster-test.us.auth0.com/api/v2/users/auth0%7Cada",
      "GET roster-test.us.auth0.com/api/v2/users/auth0%7Cada",
      "PATCH roster-test.us.auth0.com/api/v2/users/auth0%7Cada",
      "GET roster-test.us.auth0.com/api/v2/users/auth0%7Cada",
    ]);
  });
});
