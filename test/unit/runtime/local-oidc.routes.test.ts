import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenAPIHono } from "@hono/zod-openapi";
import { createLocalJWKSet, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalIssuer } from "../../../src/platform/adapters/embedded/local-issuer.ts";
import type { AppEnv } from "../../../src/platform/http/app-env.ts";
import { ROLES_CLAIM } from "../../../src/platform/identity/principal.ts";
import { ManualClock } from "../../../src/platform/time/clock.port.ts";
import { registerLocalOidcRoutes } from "../../../src/runtime/local/local-oidc.routes.ts";
import { LOCAL_OPERATORS } from "../../../src/runtime/local/local-operators.ts";

const ORIGIN = "http://127.0.0.1:3000";
const CALLBACK = `${ORIGIN}/console/callback`;
let app: OpenAPIHono<AppEnv>;
let issuer: LocalIssuer;

beforeAll(async () => {
  issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), "roster-oidc-")));
  app = new OpenAPIHono<AppEnv>();
  registerLocalOidcRoutes(app, {
    issuer,
    operators: LOCAL_OPERATORS,
    clock: new ManualClock(new Date("2026-12-01T00:00:00Z")),
  });
});

const verifier = randomBytes(32).toString("base64url");
const challenge = createHash("sha256").update(verifier).digest("base64url");
const authorizeParams = (overrides: Record<string, string> = {}) => ({
  client_id: "roster-console",
  redirect_uri: CALLBACK,
  response_type: "code",
  scope: "openid profile email",
  state: "s-1",
  nonce: "n-1",
  code_challenge: challenge,
  code_challenge_method: "S256",
  ...overrides,
});

async function code(operator = "grace"): Promise<string> {
  const response = await app.request(`${ORIGIN}/local/oidc/authorize`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...authorizeParams(), operator }).toString(),
  });
  expect(response.status).toBe(303);
  const back = new URL(response.headers.get("location") as string);
  expect(back.origin + back.pathname).toBe(CALLBACK);
  expect(back.searchParams.get("state")).toBe("s-1");
  return back.searchParams.get("code") as string;
}

const exchange = (fields: Record<string, string>) =>
  app.request(`${ORIGIN}/local/oidc/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: "roster-console",
      redirect_uri: CALLBACK,
      code_verifier: verifier,
      ...fields,
    }).toString(),
  });

describe("the local issuer's OpenID Connect face", () => {
  it("names itself by the origin it was called on", async () => {
    const discovery = await (
      await app.request(`${ORIGIN}/local/oidc/.well-known/openid-configuration`)
    ).json();
    expect(discovery).toMatchObject({
      issuer: `${ORIGIN}/local/oidc`,
      authorization_endpoint: `${ORIGIN}/local/oidc/authorize`,
      code_challenge_methods_supported: ["S256"],
    });
  });

  it("lists the named operators on its page, and refuses a request for another redirect or without PKCE", async () => {
    const page = await app.request(
      `${ORIGIN}/local/oidc/authorize?${new URLSearchParams(authorizeParams())}`,
    );
    const html = await page.text();
    for (const operator of LOCAL_OPERATORS) expect(html).toContain(operator.name);
    const elsewhere = await app.request(
      `${ORIGIN}/local/oidc/authorize?${new URLSearchParams(authorizeParams({ redirect_uri: "https://evil.example/cb" }))}`,
    );
    expect(elsewhere.status).toBe(400);
    const noPkce = await app.request(
      `${ORIGIN}/local/oidc/authorize?${new URLSearchParams(authorizeParams({ code_challenge_method: "plain" }))}`,
    );
    expect(noPkce.status).toBe(400);
  });

  it("exchanges a code once, for an ID token naming the operator, their roles and the nonce", async () => {
    const once = await code("ada");
    const answer = await exchange({ code: once });
    expect(answer.status).toBe(200);
    const tokens = (await answer.json()) as { id_token: string };
    const { payload } = await jwtVerify(tokens.id_token, createLocalJWKSet(issuer.jwks()), {
      issuer: `${ORIGIN}/local/oidc`,
      audience: "roster-console",
    });
    expect(payload).toMatchObject({ sub: "ada", name: "Ada Okafor", nonce: "n-1", [ROLES_CLAIM]: ["admin"] });
    const replay = await exchange({ code: once });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses a code without its PKCE verifier or for another redirect", async () => {
    expect(
      await (await exchange({ code: await code(), code_verifier: "x".repeat(43) })).json(),
    ).toMatchObject({
      error: "invalid_grant",
      error_description: "the PKCE verifier does not match",
    });
    expect(
      await (await exchange({ code: await code(), redirect_uri: `${ORIGIN}/elsewhere` })).json(),
    ).toMatchObject({ error: "invalid_grant" });
  });
});
