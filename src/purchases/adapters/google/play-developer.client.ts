import { androidpublisher, type androidpublisher_v3 } from "@googleapis/androidpublisher";
import { JWT, OAuth2Client } from "google-auth-library";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { StoreSubscription } from "../../domain/store-subscription.ts";
import type { GoogleSubscriptionRef, PlayDeveloperApi } from "../../ports/google-play.port.ts";
import { googleMessage, storeApiErrorOf } from "./play-api-error.mapper.ts";
import { toStoreSubscription } from "./play-subscription.mapper.ts";

export const ANDROIDPUBLISHER_SCOPE = "https://www.googleapis.com/auth/androidpublisher";

/** A Google Cloud service-account key, as the JSON file Google hands out (only what signing needs). */
export interface ServiceAccountKey {
  readonly client_email: string;
  readonly private_key: string;
}

export type PlayCredentials =
  | { readonly serviceAccountKey: ServiceAccountKey }
  /** A fixed bearer token: for the local Play Developer API only. */
  | { readonly accessToken: string };

export interface PlayDeveloperClientOptions {
  readonly credentials: PlayCredentials;
  /** `https://androidpublisher.googleapis.com/` by default; the loopback's origin locally. */
  readonly rootUrl?: string;
  readonly clock: Clock;
  /** The library's own retries of 429/5xx before the queue's (googleapis retries 3 times by default). */
  readonly retries?: number;
  readonly timeoutMs?: number;
}

/**
 * The Google Play Developer API through `@googleapis/androidpublisher`: subscriptionsv2.get for the
 * state and the v1 acknowledge (v2 has none). The service account's access token is minted and
 * refreshed in process by google-auth-library's JWT client: no token file.
 */
export class PlayDeveloperClient implements PlayDeveloperApi {
  readonly #api: androidpublisher_v3.Androidpublisher;
  readonly #clock: Clock;

  constructor(options: PlayDeveloperClientOptions) {
    this.#clock = options.clock;
    const retries = options.retries ?? 2;
    this.#api = androidpublisher({
      version: "v3",
      auth: authOf(options.credentials),
      ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}),
      timeout: options.timeoutMs ?? 10_000,
      ...(retries > 0 ? { retryConfig: { retry: retries } } : { retry: false }),
    });
  }

  async subscription(ref: GoogleSubscriptionRef): Promise<StoreSubscription> {
    let answer: androidpublisher_v3.Schema$SubscriptionPurchaseV2;
    try {
      const response = await this.#api.purchases.subscriptionsv2.get({
        packageName: ref.packageName,
        token: ref.purchaseToken,
      });
      answer = response.data;
    } catch (error) {
      throw storeApiErrorOf(error, "subscriptionsv2.get", ref.purchaseToken);
    }
    return toStoreSubscription(answer, { ...ref, fetchedAt: this.#clock.now() });
  }

  async acknowledge(ref: GoogleSubscriptionRef & { readonly productId: string }): Promise<void> {
    try {
      await this.#api.purchases.subscriptions.acknowledge({
        packageName: ref.packageName,
        subscriptionId: ref.productId,
        token: ref.purchaseToken,
        requestBody: {},
      });
    } catch (error) {
      // Acknowledging twice is done, not failed: a retried fetch acknowledges again.
      if (isAlreadyAcknowledged(error, ref.purchaseToken)) return;
      throw storeApiErrorOf(error, "subscriptions.acknowledge", ref.purchaseToken);
    }
  }
}

function authOf(credentials: PlayCredentials): JWT | OAuth2Client {
  if ("accessToken" in credentials) {
    const client = new OAuth2Client();
    client.setCredentials({ access_token: credentials.accessToken });
    return client;
  }
  return new JWT({
    email: credentials.serviceAccountKey.client_email,
    key: credentials.serviceAccountKey.private_key,
    scopes: [ANDROIDPUBLISHER_SCOPE],
  });
}

function isAlreadyAcknowledged(error: unknown, token: string): boolean {
  const status = (error as { status?: unknown } | undefined)?.status;
  return status === 400 && /already acknowledged/i.test(googleMessage(error, token));
}
