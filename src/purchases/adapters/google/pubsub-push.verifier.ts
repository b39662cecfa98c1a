import { OAuth2Client } from "google-auth-library";
import { UnauthorizedError, UnavailableError } from "../../../platform/errors/app.errors.ts";
import type { GooglePushVerifier } from "../../ports/google-play.port.ts";

export interface PubSubPushVerifierOptions {
  /** The push subscription's audience (by default Google sets the push endpoint's URL). */
  readonly audience: string;
  /** The service account the push subscription signs as. */
  readonly email: string;
  /** Google's PEM certificates (`https://www.googleapis.com/oauth2/v1/certs`); a local issuer's for tests. */
  readonly certsUrl?: string;
  /** The accepted `iss`; Google's two spellings by default. */
  readonly issuers?: readonly string[];
}

/**
 * The library's refusals, by the start of their message, to a reason that names the rule. The library's
 * own messages carry the whole token or its payload (oauth2client.ts verifySignedJwtWithCertsAsync), so
 * they are never passed on.
 */
const REASONS: readonly (readonly [string, string])[] = [
  ["Wrong number of segments", "the push token is not a JWT"],
  ["Can't parse token", "the push token is not a JWT"],
  ["No pem found", "the push token is signed by a key Google does not publish"],
  ["Invalid token signature", "the push token's signature does not verify"],
  ["No issue time", "the push token has no iat"],
  ["iat field", "the push token has no iat"],
  ["No expiration time", "the push token has no exp"],
  ["exp field", "the push token has no exp"],
  ["Expiration time too far", "the push token lives longer than a day"],
  ["Token used too early", "the push token is not valid yet (iat)"],
  ["Token used too late", "the push token has expired"],
  ["Invalid issuer", "the push token's issuer is not Google"],
  ["Wrong recipient", "the push token's audience is not this endpoint"],
];

/**
 * Pub/Sub push authentication (cloud.google.com/pubsub/docs/authenticate-push-subscriptions): Google's
 * OIDC token, verified by google-auth-library (signature by kid, iat/exp with 300 s of skew, lifetime,
 * issuer, audience), then the sender, which the library does not check. The client caches Google's
 * certificates by their Cache-Control, so make one verifier per process. The library reads the system
 * clock (no clock can be injected).
 */
export class PubSubPushVerifier implements GooglePushVerifier {
  readonly #client: OAuth2Client;
  readonly #options: PubSubPushVerifierOptions;

  constructor(options: PubSubPushVerifierOptions) {
    this.#options = options;
    this.#client = new OAuth2Client({
      ...(options.certsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl } } : {}),
      ...(options.issuers ? { issuers: [...options.issuers] } : {}),
    });
  }

  async verify(authorization: string | undefined): Promise<void> {
    const token = /^Bearer +(\S+)$/i.exec(authorization?.trim() ?? "")?.[1];
    if (!token) throw new UnauthorizedError("the push has no bearer token");
    const payload = await this.#payloadOf(token);
    if (payload.email !== this.#options.email)
      throw new UnauthorizedError("the push token's email is not the configured push service account");
    if (payload.email_verified !== true)
      throw new UnauthorizedError("the push token's email is not verified (email_verified)");
  }

  async #payloadOf(token: string): Promise<{ email?: string; email_verified?: boolean }> {
    try {
      const ticket = await this.#client.verifyIdToken({ idToken: token, audience: this.#options.audience });
      const payload = ticket.getPayload();
      if (!payload) throw new UnauthorizedError("the push token has no payload");
      return payload;
    } catch (error) {
      throw refusalOf(error);
    }
  }
}

function refusalOf(error: unknown): Error {
  if (error instanceof UnauthorizedError) return error;
  const message = error instanceof Error ? error.message : "";
  // Not the sender's fault: answer 503 so Pub/Sub delivers again later.
  if (message.startsWith("Failed to retrieve verification certificates"))
    return new UnavailableError("Google's push certificates could not be fetched; try again later");
  const reason = REASONS.find(([start]) => message.startsWith(start))?.[1];
  return new UnauthorizedError(reason ?? "the push token does not verify");
}
