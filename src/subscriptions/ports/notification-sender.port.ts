/** One member's notice as the notification contract shapes it (contracts/subscriptions/notification.message.ts). */
export interface NotificationBody {
  readonly notification_id: string;
  readonly kind: string;
  readonly user_id: string;
  readonly [field: string]: unknown;
}

/**
 * Where the Subscription Service's notices go: the `{stage}-subscription-notifications` queue, for the
 * email and push sender outside Roster. `send` takes a relay batch and resolves once every notice is
 * accepted; it throws when any was not (the relay sends the batch again, and the sender dedupes on
 * `notification_id`).
 */
export interface NotificationSender {
  send(notices: readonly NotificationBody[]): Promise<void>;
}
