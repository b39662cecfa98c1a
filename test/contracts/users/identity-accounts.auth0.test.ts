import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DependencyError, UnavailableError } from "../../../src/platform/errors/app.errors.ts";
import { Auth0IdentityAccounts } from "../../../src/users/adapters/auth0/identity-accounts.auth0.ts";
import { FAKE_AUTH0, fetchThrough, startFakeAuth0 } from "../../fakes/auth0.fake.ts";
import { recordingLogger } from "../../support/recording-logger.ts";
import { identityAccountsContract } from "./identity-accounts.contract.ts";

type Fake = Awaited<ReturnType<typeof startFakeAuth0>>;

const clientFor = (
  fake: Fake,
  options: { timeoutMs?: number; maxRetries?: number; clientSecret?: string } = {},
) => {
  const log = recordingLogger();
  const accounts = new Auth0IdentityAccounts({
    ...FAKE_AUTH0,
    ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
    timeoutMs: options.timeoutMs ?? 5_000,
    maxRetries: options.maxRetries ?? 0,
    logger: log.logger,
    fetch: fetchThrough(fake.server.origin),
  });
  return { accounts, log };
};

identityAccountsContract("the auth0 ManagementClient against a loopback Auth0", async () => {
  const fake = await startFakeAuth0();
  return { accounts: clientFor(fake).accounts, close: () => fake.server.close() };
});

describe("the Auth0 Management API client", () => {
  let fake: Fake;

  beforeEach(async () => {
    fake = await startFakeAuth0();
  });
  afterEach(async () => {
    await fake.server.close();
  });

  it("gets a client-credentials token, then PATCHes { blocked } with it as a bearer", async () => {
    const { accounts } = clientFor(fake);
    await accounts.block("auth0|ada");
    await accounts.unblock("auth0|ada");
    const [token, block, unblock] = fake.server.received;
    expect(token).toMatchObject({ method: "POST", url: "/oauth/token" });
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: FAKE_AUTH0.clientId,
      client_secret: FAKE_AUTH0.clientSecret,
      audience: `https://${FAKE_AUTH0.domain}/api/v2/`,
    });
    expect(block).toMatchObject({ method: "PATCH", url: "/api/v2/users/auth0%7Cada" });
    expect(block?.headers.authorization).toBe("Bearer mgmt-token-1");
    expect(JSON.parse(block?.body ?? "")).toEqual({ blocked: true });
    expect(JSON.parse(unblock?.body ?? "")).toEqual({ blocked: false });
    expect(fake.tokensIssued()).toBe(1);
  });

  it("fails with a DependencyError when Auth0 refuses its credentials, before any user call", async () => {
    const { accounts } = clientFor(fake, { clientSecret: "not-the-secret" });
    await expect(accounts.block("auth0|ada")).rejects.toThrow(DependencyError);
    expect(fake.server.received.map((r) => r.url)).toEqual(["/oauth/token"]);
  });

  it("maps 429 and 504 to UnavailableError, other statuses to DependencyError", async () => {
    const { accounts } = clientFor(fake);
    await accounts.isBlocked("auth0|ada");
    fake.server.answerEveryRequestWith({ status: 429, body: { message: "Too Many Requests" } });
    await expect(accounts.block("auth0|ada")).rejects.toThrow(UnavailableError);
    fake.server.answerEveryRequestWith({ status: 504 });
    await expect(accounts.block("auth0|ada")).rejects.toThrow(UnavailableError);
    fake.server.answerEveryRequestWith({ status: 400, body: { message: "Payload validation error" } });
    await expect(accounts.block("auth0|ada")).rejects.toThrow(DependencyError);
  });

  it("gives up on an Auth0 that never answers with an UnavailableError (503)", async () => {
    const { accounts } = clientFor(fake, { timeoutMs: 200 });
    await accounts.isBlocked("auth0|ada");
    fake.server.neverAnswer();
    await expect(accounts.block("auth0|ada")).rejects.toThrow(UnavailableError);
  });

  it("answers 503 when Auth0 cannot be reached at all", async () => {
    const { accounts } = clientFor(fake);
    await fake.server.close();
    await expect(accounts.block("auth0|ada")).rejects.toThrow(UnavailableError);
    fake = await startFakeAuth0();
  });

  it("lets the SDK retry a 5xx as configured", async () => {
    const { accounts } = clientFor(fake, { maxRetries: 1 });
    await expect(accounts.block("auth0|auth0-fail-1")).rejects.toThrow(DependencyError);
    expect(fake.server.received.filter((r) => r.method === "PATCH")).toHaveLength(2);
  });

  it("never repeats or logs what Auth0 answered", async () => {
    const { accounts, log } = clientFor(fake);
    const errors: unknown[] = [];
    for (const id of ["auth0|auth0-down-1", "auth0|auth0-fail-1", "auth0|auth0-missing-1"]) {
      await accounts.block(id).catch((error) => errors.push(error));
    }
    expect(errors.map((e) => (e as Error).name)).toEqual([
      "UnavailableError",
      "DependencyError",
      "DependencyError",
    ]);
    expect(log.entries).toHaveLength(3);
    const said = `${log.text()} ${errors.map((e) => JSON.stringify({ ...(e as object), m: (e as Error).message })).join(" ")}`;
    expect(said).not.toMatch(/ada@example\.com|boom|down"|does not exist/);
  });
});
