import { ForbiddenError, UnauthorizedError } from "../errors/app.errors.ts";
import type { Principal, PrincipalKind } from "./principal.ts";

/** Who may act on a user's resources: the user themself, or any of the given kinds of staff. */
export function requireSelfOr(
  principal: Principal | undefined,
  userId: string,
  staff: readonly PrincipalKind[] = ["service", "operator"],
): Principal {
  const caller = requireAuthenticated(principal);
  if (caller.kind === "user" ? caller.id === userId : staff.includes(caller.kind)) return caller;
  throw new ForbiddenError(
    caller.kind === "user" ? "a user may act only on their own records" : `a ${caller.kind} may not do this`,
  );
}

export function requireKind(principal: Principal | undefined, kinds: readonly PrincipalKind[]): Principal {
  const caller = requireAuthenticated(principal);
  if (kinds.includes(caller.kind)) return caller;
  throw new ForbiddenError(
    `this needs ${article(kinds[0])} ${kinds.join(" or ")} principal; the caller is ${article(caller.kind)} ${caller.kind}`,
  );
}

/** "a user", "an operator". */
export const article = (kind: PrincipalKind | undefined) => (kind === "operator" ? "an" : "a");

export function requireAuthenticated(principal: Principal | undefined): Principal {
  if (!principal) throw new UnauthorizedError("this needs credentials: send Authorization: Bearer <token>");
  return principal;
}
