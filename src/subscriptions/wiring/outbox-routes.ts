import { SUBSCRIPTION_BUS_SOURCE } from "../../contracts/subscriptions/catalog.events.ts";
import type { EventPublisher } from "../../platform/events/event-publisher.port.ts";
import type { StreamProducer } from "../../platform/events/stream-producer.port.ts";
import { putJsonImmutable } from "../../platform/objects/json.documents.ts";
import type { ObjectStore } from "../../platform/objects/object-store.port.ts";
import type { OutboxPublish } from "../../platform/outbox/outbox-relay.ts";
import { toStream } from "../../platform/outbox/outbox-relay.ts";
import type { NotificationBody, NotificationSender } from "../ports/notification-sender.port.ts";
import { OUTBOX_TYPES } from "../use-cases/records/subscription-records.ts";

export interface SubscriptionsRelayParts {
  readonly streams: StreamProducer;
  /** The `subscriptions` stream's physical name in this stage. */
  readonly stream: string;
  readonly bus: EventPublisher;
  /** The receipts and plan snapshots (S3 on AWS, files under the data folder locally). */
  readonly objects: ObjectStore;
  /** The members' notices (the `{stage}-subscription-notifications` queue). */
  readonly notifications: NotificationSender;
}

const BUS_TYPES = new Set<string>([OUTBOX_TYPES.started, OUTBOX_TYPES.cancelled, OUTBOX_TYPES.shipment]);

/**
 * The relay's routing of the Subscription Service's outbox: SubscriptionUpdated records to the
 * `subscriptions` stream (in order per user), the receipts and plan snapshots to the object store, the
 * catalogue's events and the shipment requests to the bus, the members' notices to their queue. Every
 * destination takes the batch before it is marked relayed; a failure of any sends the whole batch
 * again, and consumers dedupe (on `event_id`, on the subscription and event, on `orderId`, on
 * `notification_id`), so nothing is lost or acted on twice.
 */
export function outboxRoutes(parts: SubscriptionsRelayParts): OutboxPublish {
  const stream = toStream(parts.streams, parts.stream);
  return async (entries) => {
    const streamed = entries.filter((entry) => entry.eventType === OUTBOX_TYPES.stream);
    const bus = entries.filter((entry) => BUS_TYPES.has(entry.eventType));
    if (streamed.length > 0) await stream(streamed);
    for (const entry of entries.filter((e) => e.eventType === OUTBOX_TYPES.document)) {
      const { key, document } = entry.payload as { key: string; document: unknown };
      // Written once: the same document again is a no-op, so a batch relayed twice changes nothing.
      await putJsonImmutable(parts.objects, key, document);
    }
    const notices = entries.filter((entry) => entry.eventType === OUTBOX_TYPES.notification);
    if (notices.length > 0) {
      await parts.notifications.send(notices.map((entry) => entry.payload as NotificationBody));
    }
    if (bus.length > 0) {
      await parts.bus.publish(
        bus.map((entry) => ({
          source: SUBSCRIPTION_BUS_SOURCE,
          detailType: entry.eventType,
          detail: entry.payload as Record<string, unknown>,
          time: entry.createdAt,
        })),
      );
    }
  };
}
