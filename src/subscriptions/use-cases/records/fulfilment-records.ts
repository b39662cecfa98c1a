import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import { type Fulfilment, fulfilCycle } from "../../domain/fulfilment.ts";
import type { SubscriptionEffect } from "../../domain/lifecycle-event.ts";
import type { RecordDeps } from "./subscription-records.ts";
import { OUTBOX_TYPES } from "./subscription-records.ts";

/**
 * A change's effect with a fulfilment for each cycle it paid (each `renewed` event with a receipt: the
 * first period and every renewal, whether the runner's answer or the Payment Service's record settled
 * it). The store keeps one per cycle, so a payment recorded twice fulfils once.
 */
export function withFulfilments(deps: RecordDeps, effect: SubscriptionEffect): SubscriptionEffect {
  const now = deps.clock.now();
  const fulfilments = effect.events.flatMap((event) =>
    event.kind === "renewed" && event.receipt
      ? [
          fulfilCycle(
            event.subscription,
            event.receipt,
            { fulfilmentId: `ful_${deps.ids.next()}`, codeSeed: deps.ids.next() },
            now,
          ),
        ]
      : [],
  );
  return fulfilments.length > 0
    ? { ...effect, fulfilments: [...(effect.fulfilments ?? []), ...fulfilments] }
    : effect;
}

/** ShipmentRequested for each SHIPPING fulfilment: the bus event a carrier's adapter takes. */
export function shipmentRecords(deps: RecordDeps, effect: SubscriptionEffect): OutboxRecord[] {
  return (effect.fulfilments ?? []).flatMap((f: Fulfilment) => {
    if (f.channel !== "SHIPPING") return [];
    const s = effect.events.find((e) => e.cycleId === f.cycleId)?.subscription;
    if (s?.fulfilment.channel !== "SHIPPING") return [];
    return [
      {
        recordId: deps.ids.next(),
        userId: f.userId,
        eventType: OUTBOX_TYPES.shipment,
        payload: {
          orderId: f.cycleId,
          subscriptionId: f.subscriptionId,
          userId: f.userId,
          destination: s.fulfilment.destination,
          service: s.fulfilment.service,
          parcelCount: 1,
          timestamp: deps.clock.now().toISOString(),
        },
      },
    ];
  });
}
