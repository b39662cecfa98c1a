import type { StoreSubscription } from "../domain/store-subscription.ts";

/** The Pub/Sub push's OIDC token (`Authorization: Bearer <JWT>`), checked for audience, issuer and sender. */
export interface GooglePushVerifier {
  /** Throws `UnauthorizedError` naming what is wrong (missing, expired, audience, issuer, email). */
  verify(authorization: string | undefined): Promise<void>;
}

export interface GoogleSubscriptionRef {
  readonly packageName: string;
  readonly purchaseToken: string;
}

/** The Google Play Developer API, as the fetch worker uses it. */
export interface PlayDeveloperApi {
  /** `purchases.subscriptionsv2.get`, normalised. Throws `StoreApiError` (410 and invalid tokens terminal). */
  subscription(ref: GoogleSubscriptionRef): Promise<StoreSubscription>;
  /** `purchases.subscriptions.acknowledge` (the only acknowledge Play has). Throws `StoreApiError`. */
  acknowledge(ref: GoogleSubscriptionRef & { readonly productId: string }): Promise<void>;
}
