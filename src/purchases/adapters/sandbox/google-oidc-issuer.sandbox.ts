import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SignJWT } from "jose";

export const GOOGLE_ISSUER = "https://accounts.google.com";
const KEY_FILE = "google-oidc-issuer.key.pem";

export interface GoogleOidcIssuerOptions {
  /** Keep the key pair here as PEM, so tokens and certs outlive a restart; a fresh pair in memory otherwise. */
  readonly directory?: string;
  /** The certs' Cache-Control max-age, in seconds (Google's are a few hours). */
  readonly maxAgeS?: number;
}

export interface PushTokenInput {
  readonly audience: string;
  readonly email: string;
  readonly emailVerified?: boolean;
  /** Lifetime from `issuedAt`; Pub/Sub's tokens live an hour. */
  readonly expiresInS?: number;
  readonly issuer?: string;
  /** Now by default; a past time makes an expired token. */
  readonly issuedAt?: Date;
  /** Another key's id in the header: a token that claims a key it was not signed with. */
  readonly kid?: string;
}

/**
 * Google as the OIDC issuer of Pub/Sub push tokens, on a loopback port: an RSA key, its public key served
 * as Google serves `oauth2/v1/certs` (a `{kid: pem}` map with Cache-Control), and RS256 tokens with the
 * claims Pub/Sub sets (cloud.google.com/pubsub/docs/authenticate-push-subscriptions). Google serves
 * X.509 certificates; a public-key PEM verifies the same in google-auth-library (node's crypto.verify).
 */
export class GoogleOidcIssuerSandbox {
  readonly #server: Server;
  readonly #key: KeyObject;
  readonly kid: string;
  /** How many times the certs were fetched: a verifier caching them fetches once. */
  certsRequests = 0;

  private constructor(server: Server, key: KeyObject) {
    this.#server = server;
    this.#key = key;
    const pem = publicPem(key);
    this.kid = createHash("sha256").update(pem).digest("hex").slice(0, 40);
  }

  static async start(options: GoogleOidcIssuerOptions = {}): Promise<GoogleOidcIssuerSandbox> {
    const key = await keyOf(options.directory);
    const server = createServer();
    const issuer = new GoogleOidcIssuerSandbox(server, key);
    const certs = JSON.stringify({ [issuer.kid]: publicPem(key) });
    const cacheControl = `public, max-age=${options.maxAgeS ?? 21_600}, must-revalidate, no-transform`;
    server.on("request", (req, res) => {
      req.resume();
      if (new URL(req.url ?? "/", "http://issuer").pathname !== "/oauth2/v1/certs") {
        res.writeHead(404).end();
        return;
      }
      issuer.certsRequests++;
      res.writeHead(200, {
        "content-type": "application/json; charset=UTF-8",
        "cache-control": cacheControl,
      });
      res.end(certs);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return issuer;
  }

  /** The verifier's `certsUrl`. */
  get certsUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/oauth2/v1/certs`;
  }

  /** A push token as Pub/Sub sends it in `Authorization: Bearer`. */
  async signPushToken(input: PushTokenInput): Promise<string> {
    const iat = Math.floor((input.issuedAt ?? new Date()).getTime() / 1000);
    // Google's `sub` and `azp` are the service account's numeric unique id.
    const sub = BigInt(`0x${createHash("sha256").update(input.email).digest("hex").slice(0, 15)}`).toString();
    return new SignJWT({ azp: sub, email: input.email, email_verified: input.emailVerified ?? true })
      .setProtectedHeader({ alg: "RS256", kid: input.kid ?? this.kid, typ: "JWT" })
      .setIssuer(input.issuer ?? GOOGLE_ISSUER)
      .setAudience(input.audience)
      .setSubject(sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (input.expiresInS ?? 3600))
      .sign(this.#key);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function publicPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: "spki", format: "pem" }).toString();
}

async function keyOf(directory: string | undefined): Promise<KeyObject> {
  const fresh = () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  if (!directory) return fresh();
  const file = join(directory, KEY_FILE);
  const stored = await readFile(file, "utf8").catch(() => undefined);
  if (stored) return createPrivateKey(stored);
  const key = fresh();
  await mkdir(directory, { recursive: true });
  await writeFile(file, key.export({ type: "pkcs8", format: "pem" }).toString(), { mode: 0o600 });
  return key;
}
