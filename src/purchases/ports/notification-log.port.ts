import type { StoreNotification } from "../domain/notification.ts";

/** What Roster did with a notification, beside the notification itself. */
export interface LoggedNotification extends StoreNotification {
  /** When Roster received it. */
  readonly receivedAt: Date;
  /** `fetch-failed: <reason>` when the store's API refused for good; absent otherwise. */
  readonly note?: string;
}

/** The `subscription-events` table: every notification once, by the store's id for it. */
export interface NotificationLog {
  /** Whether this notification (by platform and notification id) is already recorded. */
  has(notification: Pick<StoreNotification, "platform" | "notificationId">): Promise<boolean>;
  /** Records it; false when it was already recorded (a redelivery), and nothing changes. */
  record(notification: LoggedNotification): Promise<boolean>;
  /** A subscription's recorded notifications, oldest first. */
  listFor(subscriptionId: string): Promise<LoggedNotification[]>;
}
