import type { Hono } from "hono";
import { SignInFailedError } from "../ports/operator-sign-in.port.ts";
import { messagePage } from "../ui/message.view.ts";
import type { ConsoleDeps } from "../use-cases/console.deps.ts";
import { finishSignIn } from "../use-cases/sign-in/finish-sign-in.use-case.ts";
import { startSignIn } from "../use-cases/sign-in/start-sign-in.use-case.ts";
import {
  clearSessionCookie,
  clearSignInCookie,
  setSessionCookie,
  setSignInCookie,
  signInCookie,
} from "./console-cookies.ts";
import type { ConsoleEnv } from "./console-env.ts";

export const CALLBACK_PATH = "/console/callback";

/** Sign-in with the identity provider, its callback, and sign-out (which ends the provider's session too). */
export function registerSignInRoutes(app: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  const callbackUrl = (url: string) => `${new URL(url).origin}${CALLBACK_PATH}`;

  app.get("/console/login", async (c) => {
    const started = await startSignIn(deps, callbackUrl(c.req.url), c.req.query("return"));
    setSignInCookie(c, started.state);
    return c.redirect(started.url, 303);
  });

  app.get(CALLBACK_PATH, async (c) => {
    const answered = new URL(c.req.url);
    const refusal = answered.searchParams.get("error");
    if (refusal) {
      clearSignInCookie(c);
      return c.html(
        messagePage({
          title: "Sign-in refused",
          message: `The identity provider refused the sign-in: ${answered.searchParams.get("error_description") ?? refusal}.`,
          problem: true,
        }),
        401,
      );
    }
    try {
      const { session, returnTo } = await finishSignIn(
        deps,
        callbackUrl(c.req.url),
        answered,
        signInCookie(c),
      );
      clearSignInCookie(c);
      setSessionCookie(c, session);
      return c.redirect(returnTo, 303);
    } catch (error) {
      if (!(error instanceof SignInFailedError)) throw error;
      clearSignInCookie(c);
      return c.html(
        messagePage({ title: "Sign-in failed", message: `${error.message}.`, problem: true }),
        401,
      );
    }
  });

  app.post("/console/logout", async (c) => {
    const session = c.get("session");
    if (session) await deps.sessions.delete(session.id);
    clearSessionCookie(c);
    const back = `${new URL(c.req.url).origin}/console/signed-out`;
    return c.redirect((await deps.signIn.endSessionUrl(back).catch(() => undefined)) ?? back, 303);
  });

  app.get("/console/signed-out", (c) =>
    c.html(
      messagePage({
        title: "Signed out",
        message: "You are signed out of the console and of the identity provider.",
      }),
    ),
  );
}
