import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ConsoleSession } from "../ports/console-session.repository.ts";

/**
 * The session cookie: `__Host-` (Secure, Path=/, no Domain: only this origin sets or reads it),
 * HttpOnly (no script reads it) and SameSite=Lax (sent on the provider's redirect back, not on
 * another site's POST). It holds the session's id only; the session is on the server.
 */
export const SESSION_COOKIE = "__Host-roster-console";
/** The state of a sign-in under way, bound to this browser until its callback (ten minutes). */
export const SIGN_IN_COOKIE = "__Host-roster-console-signin";

const BASE = { httpOnly: true, secure: true, sameSite: "Lax", path: "/" } as const;

export function setSessionCookie(c: Context, session: ConsoleSession): void {
  setCookie(c, SESSION_COOKIE, session.id, { ...BASE, expires: new Date(session.expiresAt) });
}

export const sessionCookie = (c: Context) => getCookie(c, SESSION_COOKIE);
export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, BASE);

export function setSignInCookie(c: Context, state: string): void {
  setCookie(c, SIGN_IN_COOKIE, state, { ...BASE, maxAge: 600 });
}

export const signInCookie = (c: Context) => getCookie(c, SIGN_IN_COOKIE);
export const clearSignInCookie = (c: Context) => deleteCookie(c, SIGN_IN_COOKIE, BASE);
