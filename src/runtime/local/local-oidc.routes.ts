import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Hono } from "hono";
import { html } from "hono/html";
import {
  LOCAL_CONSOLE_CALLBACK,
  LOCAL_CONSOLE_CLIENT_ID,
  LOCAL_OIDC_PATH,
  type LocalIssuer,
} from "../../platform/adapters/embedded/local-issuer.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { ROLES_CLAIM } from "../../platform/identity/principal.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import type { LocalOperator } from "./local-operators.ts";

const CODE_TTL_MS = 60_000;
const ID_TOKEN_TTL_SECONDS = 3600;

export interface LocalOidcDeps {
  readonly issuer: LocalIssuer;
  readonly operators: readonly LocalOperator[];
  /** The services' clock: the operator access token is checked by it, as every local token. */
  readonly clock: Clock;
}

interface PendingCode {
  readonly operator: LocalOperator;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string | undefined;
  readonly expiresAt: number;
}

/**
 * Auth0's stand-in for the console's sign-in: discovery, an authorization endpoint whose page lists the
 * named local operators (no password: the page answers only where the local process runs), the
 * authorization code grant with PKCE, the keys, and the end of a session. ID tokens are signed with the
 * local issuer's key by the real time (the relying party checks them by it); the access token is the
 * operator's token of the local issuer, by the services' clock. Codes live a minute, in memory, once.
 */
export function registerLocalOidcRoutes(app: Hono<AppEnv>, deps: LocalOidcDeps): void {
  const codes = new Map<string, PendingCode>();
  const issuerOf = (url: string) => `${new URL(url).origin}${LOCAL_OIDC_PATH}`;
  const callbackOf = (url: string) => `${new URL(url).origin}${LOCAL_CONSOLE_CALLBACK}`;

  app.get(`${LOCAL_OIDC_PATH}/.well-known/openid-configuration`, (c) => {
    const issuer = issuerOf(c.req.url);
    return c.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks.json`,
      end_session_endpoint: `${issuer}/logout`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["ES256"],
      token_endpoint_auth_methods_supported: ["none"],
      code_challenge_methods_supported: ["S256"],
      scopes_supported: ["openid", "profile", "email"],
      claims_supported: ["sub", "name", "email", ROLES_CLAIM],
    });
  });
  app.get(`${LOCAL_OIDC_PATH}/jwks.json`, (c) => c.json(deps.issuer.jwks()));

  app.get(`${LOCAL_OIDC_PATH}/authorize`, (c) => {
    const params = new URL(c.req.url).searchParams;
    const refused = checkAuthorizeRequest(params, callbackOf(c.req.url));
    if (refused) return c.html(errorPage(refused), 400);
    return c.html(signInPage(params, deps.operators));
  });

  app.post(`${LOCAL_OIDC_PATH}/authorize`, async (c) => {
    const form = await c.req.formData();
    const params = new URLSearchParams();
    for (const [name, value] of form) if (typeof value === "string") params.set(name, value);
    const refused = checkAuthorizeRequest(params, callbackOf(c.req.url));
    if (refused) return c.html(errorPage(refused), 400);
    const operator = deps.operators.find((candidate) => candidate.id === params.get("operator"));
    if (!operator) return c.html(signInPage(params, deps.operators, "Choose one of the operators."), 400);
    const code = randomBytes(24).toString("base64url");
    codes.set(code, {
      operator,
      redirectUri: params.get("redirect_uri") as string,
      challenge: params.get("code_challenge") as string,
      nonce: params.get("nonce") ?? undefined,
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    const back = new URL(params.get("redirect_uri") as string);
    back.searchParams.set("code", code);
    const state = params.get("state");
    if (state) back.searchParams.set("state", state);
    back.searchParams.set("iss", issuerOf(c.req.url));
    return c.redirect(back.toString(), 303);
  });

  app.post(`${LOCAL_OIDC_PATH}/token`, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const fail = (error: string, description: string) =>
      c.json({ error, error_description: description }, 400, { "cache-control": "no-store" });
    if (form.get("grant_type") !== "authorization_code")
      return fail("unsupported_grant_type", "only authorization_code");
    if (form.get("client_id") !== LOCAL_CONSOLE_CLIENT_ID) return fail("invalid_client", "unknown client");
    const code = form.get("code") ?? "";
    const pending = codes.get(code);
    codes.delete(code);
    if (!pending || pending.expiresAt < Date.now())
      return fail("invalid_grant", "the code is unknown or used");
    if (form.get("redirect_uri") !== pending.redirectUri)
      return fail("invalid_grant", "redirect_uri differs from the authorization request's");
    const verifier = form.get("code_verifier") ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (!sameText(challenge, pending.challenge))
      return fail("invalid_grant", "the PKCE verifier does not match");
    const { operator } = pending;
    const idToken = await deps.issuer.idToken(
      {
        issuer: issuerOf(c.req.url),
        audience: LOCAL_CONSOLE_CLIENT_ID,
        subject: operator.id,
        ttlSeconds: ID_TOKEN_TTL_SECONDS,
      },
      {
        name: operator.name,
        email: operator.email,
        [ROLES_CLAIM]: operator.roles,
        ...(pending.nonce ? { nonce: pending.nonce } : {}),
      },
    );
    const accessToken = await deps.issuer.issue(
      { kind: "operator", id: operator.id, ttlSeconds: ID_TOKEN_TTL_SECONDS },
      deps.clock.now(),
    );
    return c.json(
      {
        access_token: accessToken,
        id_token: idToken,
        token_type: "Bearer",
        expires_in: ID_TOKEN_TTL_SECONDS,
        scope: "openid profile email",
      },
      200,
      { "cache-control": "no-store" },
    );
  });

  app.get(`${LOCAL_OIDC_PATH}/logout`, (c) => {
    const next = new URL(c.req.url).searchParams.get("post_logout_redirect_uri");
    const origin = new URL(c.req.url).origin;
    if (next && URL.canParse(next) && new URL(next).origin === origin) return c.redirect(next, 303);
    return c.html(errorPage("You are signed out."));
  });
}

function checkAuthorizeRequest(params: URLSearchParams, callback: string): string | undefined {
  if (params.get("client_id") !== LOCAL_CONSOLE_CLIENT_ID)
    return "This client is unknown to the local issuer.";
  if (params.get("redirect_uri") !== callback)
    return `The only redirect the local issuer answers is ${callback}.`;
  if (params.get("response_type") !== "code") return "Only response_type=code is supported.";
  if (!(params.get("scope") ?? "").split(" ").includes("openid")) return "The scope must include openid.";
  if (params.get("code_challenge_method") !== "S256" || !params.get("code_challenge"))
    return "PKCE with code_challenge_method=S256 is required.";
  return undefined;
}

const KEPT = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
];

function signInPage(params: URLSearchParams, operators: readonly LocalOperator[], problem?: string) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Sign in · Roster local issuer</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1b1f24; }
      main { max-width: 28rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: .5rem; box-shadow: 0 1px 3px #0003; }
      fieldset { border: 0; padding: 0; margin: 0 0 1.5rem; }
      label { display: block; padding: .6rem .8rem; border: 1px solid #8a929b; border-radius: .4rem; margin: .5rem 0; cursor: pointer; }
      label:focus-within { outline: 3px solid #0b5cad; }
      small { color: #4a525b; }
      button { font: inherit; padding: .6rem 1.2rem; background: #0b5cad; color: #fff; border: 0; border-radius: .4rem; cursor: pointer; }
      [role="alert"] { color: #9b1c1c; }
    </style>
  </head>
  <body>
    <main>
      <h1>Sign in to Roster</h1>
      <p>The local issuer stands in for Auth0: choose who you are. Each operator has one console role.</p>
      ${problem ? html`<p role="alert">${problem}</p>` : ""}
      <form method="post">
        ${KEPT.map((name) => {
          const value = params.get(name);
          return value === null ? "" : html`<input type="hidden" name="${name}" value="${value}" />`;
        })}
        <fieldset>
          <legend>Operator</legend>
          ${operators.map(
            (operator, index) =>
              html`<label><input type="radio" name="operator" value="${operator.id}" ${index === 0 ? "checked" : ""} />
                ${operator.name} <small>(${operator.roles.join(", ")}, ${operator.email})</small></label>`,
          )}
        </fieldset>
        <button type="submit">Sign in</button>
      </form>
    </main>
  </body>
</html>`;
}

function errorPage(message: string) {
  return html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Roster local issuer</title></head>
  <body><main><h1>Roster local issuer</h1><p>${message}</p></main></body>
</html>`;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
