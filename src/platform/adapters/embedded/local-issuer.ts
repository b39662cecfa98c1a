import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
} from "jose";
import { JwtPrincipalResolver } from "../../identity/jwt-principal.resolver.ts";
import { KIND_CLAIM, type PrincipalKind } from "../../identity/principal.ts";
import { VerifiedTokenCache } from "../../identity/verified-token.cache.ts";
import type { Clock } from "../../time/clock.port.ts";

export const LOCAL_ISSUER = "roster-local";
export const LOCAL_AUDIENCE = "roster";
const ALG = "ES256";

/** The local issuer's OpenID Connect face (`iss` is this path on the origin it was called on). */
export const LOCAL_OIDC_PATH = "/local/oidc";
/** The one client it knows: the console, a public client that must use PKCE (S256). */
export const LOCAL_CONSOLE_CLIENT_ID = "roster-console";
/** The console's callback, the only redirect it sends a code to (on the caller's own origin). */
export const LOCAL_CONSOLE_CALLBACK = "/console/callback";
type SigningKey = Awaited<ReturnType<typeof importJWK>>;

export interface TokenRequest {
  readonly kind: PrincipalKind;
  readonly id: string;
  readonly mfa?: boolean;
  readonly ttlSeconds?: number;
}

/**
 * The local stand-in for Auth0 and IAM: one ES256 key kept in the data folder (so tokens outlive a
 * restart), a JWKS to verify with, and tokens for users, services and operators.
 */
export class LocalIssuer {
  readonly #privateKey: SigningKey;
  readonly #publicJwk: JWK;

  private constructor(privateKey: SigningKey, publicJwk: JWK) {
    this.#privateKey = privateKey;
    this.#publicJwk = publicJwk;
  }

  /** Where the key of the issuer of `dataDir` is kept. */
  static keyFile(dataDir: string): string {
    return join(dataDir, "issuer-key.json");
  }

  /** The issuer of `dataDir`, with the key kept there, made on first use. */
  static async open(dataDir: string): Promise<LocalIssuer> {
    const file = LocalIssuer.keyFile(dataDir);
    if (!existsSync(file)) {
      const { privateKey } = await generateKeyPair(ALG, { extractable: true });
      const jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: ALG };
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
    }
    const jwk = JSON.parse(readFileSync(file, "utf8")) as JWK;
    const { d: _private, ...publicJwk } = jwk;
    return new LocalIssuer(await importJWK(jwk, ALG), { ...publicJwk, use: "sig" });
  }

  /** The key's id (`kid`), which every token names in its header. */
  get keyId(): string {
    return this.#publicJwk.kid ?? "local";
  }

  jwks(): JSONWebKeySet {
    return { keys: [this.#publicJwk] };
  }

  keys(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks());
  }

  /** Verifies this issuer's tokens by the given clock, remembering verified ones until they expire. */
  principalResolver(clock: Clock): JwtPrincipalResolver {
    return new JwtPrincipalResolver({
      keys: this.keys(),
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      clock,
      cache: new VerifiedTokenCache(),
    });
  }

  /**
   * An OpenID Connect ID token of the local sign-in page (`/local/oidc`): the issuer is that page's URL,
   * the audience the client that asked, `claims` the profile and roles the page grants.
   */
  async idToken(
    token: {
      readonly issuer: string;
      readonly audience: string;
      readonly subject: string;
      readonly ttlSeconds: number;
    },
    claims: Readonly<Record<string, unknown>>,
    now: Date = new Date(),
  ): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALG, kid: this.keyId, typ: "JWT" })
      .setSubject(token.subject)
      .setIssuer(token.issuer)
      .setAudience(token.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + token.ttlSeconds)
      .sign(this.#privateKey);
  }

  async issue(request: TokenRequest, now: Date = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({
      [KIND_CLAIM]: request.kind,
      ...(request.kind === "user" ? { amr: request.mfa ? ["pwd", "mfa"] : ["pwd"] } : {}),
    })
      .setProtectedHeader({ alg: ALG, kid: this.keyId })
      .setSubject(request.id)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + (request.ttlSeconds ?? 12 * 3600))
      .sign(this.#privateKey);
  }
}
