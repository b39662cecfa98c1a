import type { ConsoleDeps } from "../console.deps.ts";

/** How long a sign-in may take at the identity provider before its callback is refused. */
const PENDING_MINUTES = 10;

/** A console page's own path (`/console/...`), else the console's home: never a redirect elsewhere. */
export function safeReturnTo(path: string | undefined): string {
  return path && /^\/console(\/[^\s\\?#]*)?(\?[^\s\\#]*)?$/.test(path) ? path : "/console";
}

/** Starts an OpenID Connect sign-in: where the browser goes, and the state the callback must bring back. */
export async function startSignIn(
  deps: Pick<ConsoleDeps, "signIn" | "sessions" | "clock">,
  callbackUrl: string,
  returnTo: string | undefined,
): Promise<{ readonly url: string; readonly state: string }> {
  const started = await deps.signIn.start(callbackUrl);
  await deps.sessions.savePendingSignIn({
    state: started.state,
    nonce: started.nonce,
    codeVerifier: started.codeVerifier,
    returnTo: safeReturnTo(returnTo),
    expiresAt: new Date(deps.clock.now().getTime() + PENDING_MINUTES * 60_000).toISOString(),
  });
  return { url: started.url, state: started.state };
}
