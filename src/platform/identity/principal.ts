/** Who is calling: a signed-up user, another service, or an operator (MX). */
export type PrincipalKind = "user" | "service" | "operator";

export interface Principal {
  readonly kind: PrincipalKind;
  readonly id: string;
  /** Whether the user's token shows multi-factor authentication (`amr` contains `mfa`). */
  readonly mfa: boolean;
}

/**
 * Turns a request into a principal. Returns undefined when the request carries no credentials;
 * throws UnauthorizedError when it carries bad ones.
 */
export interface PrincipalResolver {
  resolve(request: Request, platformContext: unknown): Promise<Principal | undefined>;
}

/** Claim naming the principal kind in Roster's own tokens; tokens without it are users' (Auth0's). */
export const KIND_CLAIM = "https://roster.dev/kind";

/**
 * Claim naming an operator's console roles (`support`, `mx`, `admin`) in an ID token: an Auth0 Action
 * adds it from the user's Auth0 roles in production; the local sign-in page from its named operators.
 */
export const ROLES_CLAIM = "https://roster.dev/roles";

export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  const sub = claims.sub;
  if (typeof sub !== "string" || sub.length === 0) return undefined;
  const kind = claims[KIND_CLAIM] ?? "user";
  if (kind !== "user" && kind !== "service" && kind !== "operator") return undefined;
  const amr = claims.amr;
  return { kind, id: sub, mfa: Array.isArray(amr) && amr.includes("mfa") };
}
