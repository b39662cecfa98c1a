import { errors, type JWTVerifyGetKey, jwtVerify } from "jose";
import { UnauthorizedError } from "../errors/app.errors.ts";
import type { Clock } from "../time/clock.port.ts";
import { type Principal, type PrincipalResolver, principalFromClaims } from "./principal.ts";
import type { VerifiedTokenCache } from "./verified-token.cache.ts";

export interface JwtVerification {
  readonly keys: JWTVerifyGetKey;
  readonly issuer: string;
  readonly audience: string;
  /** Expiry is judged by the injected clock. */
  readonly clock: Clock;
  /** Remembers verified tokens until they expire (at most five minutes). */
  readonly cache?: VerifiedTokenCache;
}

/** Reads `Authorization: Bearer <jwt>` and verifies signature, issuer, audience and expiry. */
export class JwtPrincipalResolver implements PrincipalResolver {
  readonly #verification: JwtVerification;
  constructor(verification: JwtVerification) {
    this.#verification = verification;
  }

  async resolve(request: Request): Promise<Principal | undefined> {
    const header = request.headers.get("authorization");
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError("the Authorization header must be 'Bearer <token>'");
    return verifyBearer(match[1], this.#verification);
  }
}

export async function verifyBearer(token: string, verification: JwtVerification): Promise<Principal> {
  const now = verification.clock.now().getTime();
  const cached = verification.cache?.get(token, now);
  if (cached) return cached;
  try {
    const { payload } = await jwtVerify(token, verification.keys, {
      issuer: verification.issuer,
      audience: verification.audience,
      currentDate: verification.clock.now(),
    });
    const principal = principalFromClaims(payload);
    if (!principal) throw new UnauthorizedError("the token names no valid subject or principal kind");
    if (payload.exp !== undefined) verification.cache?.set(token, principal, payload.exp * 1000, now);
    return principal;
  } catch (error) {
    if (error instanceof UnauthorizedError) throw error;
    if (error instanceof errors.JWTExpired) throw new UnauthorizedError("the token has expired");
    if (error instanceof errors.JOSEError)
      throw new UnauthorizedError(`the token was refused: ${error.code}`);
    throw error;
  }
}
