import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import type { SubscriptionEffect } from "../../domain/lifecycle-event.ts";
import { shipmentRecords } from "./fulfilment-records.ts";
import { notificationRecords } from "./notification-records.ts";
import { lifecycleRecords, type RecordDeps } from "./subscription-records.ts";

/**
 * Every outbox record of one change, written in its transaction: the stream's SubscriptionUpdated,
 * the catalogue's bus events and the documents (subscription-records.ts), the shipment requests of
 * its fulfilments, and the member's notices.
 */
export function effectRecords(deps: RecordDeps, effect: SubscriptionEffect): OutboxRecord[] {
  return [
    ...lifecycleRecords(deps, effect.events),
    ...shipmentRecords(deps, effect),
    ...notificationRecords(deps, effect.events, effect.fulfilments ?? []),
  ];
}
