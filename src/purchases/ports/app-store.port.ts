import type { StoreNotification } from "../domain/notification.ts";
import type { StoreEnvironment, StoreSubscription } from "../domain/store-subscription.ts";

/** Apple's App Store Server Notifications V2, verified: the `signedPayload` of `POST /apple/pubsub`. */
export interface AppleNotificationVerifier {
  /**
   * Verifies the JWS (Apple's chain, signature, bundle id, app Apple id, environment) and decodes it.
   * Throws `InvalidNotificationError` when it does not verify, `StoreApiError` (retryable) when it could
   * not be checked now (OCSP unreachable).
   */
  verify(signedPayload: string): Promise<StoreNotification>;
}

export interface AppleSubscriptionRef {
  readonly bundleId: string;
  readonly environment: StoreEnvironment;
  readonly originalTransactionId: string;
}

/** The App Store Server API, as the fetch worker and the schedules use it. */
export interface AppStoreApi {
  /**
   * The subscription's state now (`getAllSubscriptionStatuses`, the entry for this originalTransactionId,
   * every signed item verified). Throws `StoreApiError`.
   */
  subscription(ref: AppleSubscriptionRef): Promise<StoreSubscription>;
  /**
   * The signed payloads of the notifications Apple failed to deliver in [from, to)
   * (`getNotificationHistory` with `onlyFailures`), every page.
   */
  failedNotifications(
    app: { readonly bundleId: string; readonly environment: StoreEnvironment },
    from: Date,
    to: Date,
  ): Promise<string[]>;
}
