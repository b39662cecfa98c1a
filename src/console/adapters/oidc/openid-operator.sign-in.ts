import * as oidc from "openid-client";
import { ROLES_CLAIM } from "../../../platform/identity/principal.ts";
import { consoleRoles, type Operator } from "../../domain/operator.ts";
import {
  type OperatorSignIn,
  SignInFailedError,
  type SignInStart,
} from "../../ports/operator-sign-in.port.ts";

export interface OpenIdSignInOptions {
  /** The provider's issuer: Auth0's tenant URL on AWS; locally `/local/oidc` on the caller's origin. */
  readonly issuer: (callbackUrl: URL) => URL;
  readonly clientId: string;
  /** Auth0's Regular Web Application secret (client_secret_post); none for the local issuer (PKCE only). */
  readonly clientSecret?: string | undefined;
  /** The local process's `fetch` into its own app; the network on AWS. */
  readonly fetch?: typeof fetch;
  /** The local issuer speaks plain HTTP on loopback; never on AWS. */
  readonly allowHttp?: boolean;
  readonly timeoutSeconds?: number;
}

/**
 * OpenID Connect's authorization code flow with PKCE, state and nonce, by openid-client (discovery,
 * the code exchange, the ID token's signature, issuer, audience, expiry and nonce checks). The console
 * keeps nothing of the tokens but who signed in and their roles.
 */
export class OpenIdOperatorSignIn implements OperatorSignIn {
  readonly #options: OpenIdSignInOptions;
  readonly #configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(options: OpenIdSignInOptions) {
    this.#options = options;
  }

  async start(callbackUrl: string): Promise<SignInStart> {
    const config = await this.#configuration(new URL(callbackUrl));
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl,
      scope: "openid profile email",
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return { url: url.toString(), state, nonce, codeVerifier };
  }

  async finish(
    callbackUrl: string,
    answered: URL,
    pending: { readonly state: string; readonly nonce: string; readonly codeVerifier: string },
  ): Promise<Operator> {
    const config = await this.#configuration(new URL(callbackUrl));
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, answered, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new SignInFailedError(
        `the identity provider's answer was refused: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!claims) throw new SignInFailedError("the identity provider sent no ID token");
    const name = typeof claims.name === "string" && claims.name.length > 0 ? claims.name : claims.sub;
    return {
      id: claims.sub,
      name,
      email: typeof claims.email === "string" ? claims.email : undefined,
      roles: consoleRoles(claims[ROLES_CLAIM]),
    };
  }

  async endSessionUrl(returnTo: string): Promise<string | undefined> {
    const config = await this.#configuration(new URL(returnTo));
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc
      .buildEndSessionUrl(config, { post_logout_redirect_uri: returnTo, client_id: this.#options.clientId })
      .toString();
  }

  #configuration(callbackUrl: URL): Promise<oidc.Configuration> {
    const issuer = this.#options.issuer(callbackUrl);
    const known = this.#configurations.get(issuer.href);
    if (known) return known;
    const { clientId, clientSecret, fetch: send, allowHttp, timeoutSeconds } = this.#options;
    const found = oidc
      .discovery(
        issuer,
        clientId,
        clientSecret,
        clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(clientSecret),
        {
          ...(send ? { [oidc.customFetch]: send } : {}),
          ...(allowHttp ? { execute: [oidc.allowInsecureRequests] } : {}),
          timeout: timeoutSeconds ?? 10,
        },
      )
      .catch((error: unknown) => {
        this.#configurations.delete(issuer.href);
        throw new SignInFailedError(
          `the identity provider's discovery document could not be read: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    this.#configurations.set(issuer.href, found);
    return found;
  }
}
