import { ForbiddenError } from "../../../platform/errors/app.errors.ts";
import { OPERATOR_ROLES } from "../../domain/operator.ts";
import type { ConsoleSession } from "../../ports/console-session.repository.ts";
import { SignInFailedError } from "../../ports/operator-sign-in.port.ts";
import type { ConsoleDeps } from "../console.deps.ts";

/**
 * Ends a sign-in: the provider's answer must carry the state this browser was given (`cookieState`,
 * so a sign-in started elsewhere cannot be finished here), its code is exchanged and its ID token
 * checked, and an operator with a console role gets a new session.
 */
export async function finishSignIn(
  deps: Pick<ConsoleDeps, "signIn" | "sessions" | "clock" | "secretTokens" | "sessionHours">,
  callbackUrl: string,
  answered: URL,
  cookieState: string | undefined,
): Promise<{ readonly session: ConsoleSession; readonly returnTo: string }> {
  const state = answered.searchParams.get("state");
  if (!state || !cookieState || state !== cookieState)
    throw new SignInFailedError("this sign-in was not started in this browser, or it was already used");
  const pending = await deps.sessions.takePendingSignIn(state);
  if (!pending) throw new SignInFailedError("this sign-in took too long or was already used: start again");
  const operator = await deps.signIn.finish(callbackUrl, answered, pending);
  if (operator.roles.length === 0)
    throw new ForbiddenError(
      `${operator.name} has no console role (${OPERATOR_ROLES.join(", ")}); ask an admin to grant one`,
    );
  const now = deps.clock.now();
  const session: ConsoleSession = {
    id: deps.secretTokens(),
    operator,
    csrfToken: deps.secretTokens(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.sessionHours * 3_600_000).toISOString(),
  };
  await deps.sessions.save(session);
  return { session, returnTo: pending.returnTo };
}
