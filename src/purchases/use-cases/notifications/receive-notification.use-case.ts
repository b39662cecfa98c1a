import type { StoreNotification } from "../../domain/notification.ts";
import { GOOGLE_REVOKING_TYPES } from "../../domain/purchase.ts";
import type { PurchasesDeps } from "../purchases.deps.ts";

export interface NotificationReceipt {
  readonly received: true;
  /** False for a redelivery: the notification was recorded before, and nothing happens again. */
  readonly recorded: boolean;
  /** Whether a fetch of the subscription's state was queued. */
  readonly fetchQueued: boolean;
}

/**
 * Ack fast: a verified notification is recorded once and, when it may have changed a subscription, a
 * fetch of the store's state is queued; the store's API is not called here. The fetch is queued before
 * the record is written, so a crash between the two loses nothing: the store sends the notification
 * again, it is not recorded yet, and the second fetch (deduplicated by the queue, and idempotent anyway)
 * does no harm.
 */
export async function receiveNotification(
  deps: Pick<PurchasesDeps, "notifications" | "fetchQueue" | "clock">,
  notification: StoreNotification,
): Promise<NotificationReceipt> {
  if (await deps.notifications.has(notification))
    return { received: true, recorded: false, fetchQueued: false };
  const fetch = notification.outcome === "fetch" && notification.storeId !== undefined;
  if (fetch)
    await deps.fetchQueue.send([
      {
        platform: notification.platform,
        app: notification.app,
        environment: notification.environment,
        storeId: notification.storeId as string,
        ...(notification.productId ? { productId: notification.productId } : {}),
        reason: "notification",
        requestId: `${notification.platform}:${notification.notificationId}`,
        ...(notification.platform === "google" && GOOGLE_REVOKING_TYPES.has(notification.type)
          ? { revoked: true }
          : {}),
      },
    ]);
  const recorded = await deps.notifications.record({ ...notification, receivedAt: deps.clock.now() });
  return { received: true, recorded, fetchQueued: fetch };
}
