import type { Operator } from "../domain/operator.ts";

/** A signed-in operator's session: its id lives only in the browser's HttpOnly cookie, hashed here. */
export interface ConsoleSession {
  readonly id: string;
  readonly operator: Operator;
  /** Sent back with every change (a form field or the `x-csrf-token` header), compared in constant time. */
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** A sign-in under way: what the callback needs to finish it (the PKCE verifier, state and nonce). */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** The console page to land on once signed in (a path under /console, never another site). */
  readonly returnTo: string;
  readonly expiresAt: string;
}

export interface ConsoleSessionRepository {
  save(session: ConsoleSession): Promise<void>;
  /** The session of a cookie's id, unless it has ended. */
  find(id: string): Promise<ConsoleSession | undefined>;
  delete(id: string): Promise<void>;
  savePendingSignIn(pending: PendingSignIn): Promise<void>;
  /** The pending sign-in of `state`, removed as it is read (a callback works once). */
  takePendingSignIn(state: string): Promise<PendingSignIn | undefined>;
}
