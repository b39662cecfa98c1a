import type { Operator } from "../domain/operator.ts";

export interface SignInStart {
  /** Where the browser goes to sign in (the identity provider's authorization endpoint). */
  readonly url: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** OpenID Connect with the identity provider (Auth0; the local issuer's `/local/oidc` locally). */
export interface OperatorSignIn {
  /** A new authorization request (state, nonce, PKCE) whose answer comes to `callbackUrl`. */
  start(callbackUrl: string): Promise<SignInStart>;
  /**
   * The operator the provider's answer names, once its code is exchanged and its ID token checked
   * (signature, issuer, audience, nonce, expiry). Throws SignInFailedError for an answer it refuses.
   */
  finish(
    callbackUrl: string,
    answered: URL,
    pending: { readonly state: string; readonly nonce: string; readonly codeVerifier: string },
  ): Promise<Operator>;
  /** Where the browser goes to end its session with the provider, then back to `returnTo`. */
  endSessionUrl(returnTo: string): Promise<string | undefined>;
}

export class SignInFailedError extends Error {
  override readonly name = "SignInFailedError";
}
