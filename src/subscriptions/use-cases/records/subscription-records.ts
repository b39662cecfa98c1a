import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import { dateOf } from "../../domain/billing-period.ts";
import type { LifecycleEvent } from "../../domain/lifecycle-event.ts";
import { billingFrequencyOf } from "../../domain/status-mapping.ts";

export interface RecordDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Outbox event types, each relayed to its own destination (wiring/outbox-routes). */
export const OUTBOX_TYPES = {
  /** The `{stage}-subscriptions` stream (contracts/subscriptions/subscriptions.message.ts). */
  stream: "SubscriptionUpdated",
  started: "UserSubscriptionStarted",
  cancelled: "UserSubscriptionCancelled",
  /** A document for the object store (S3 metadata): `{ key, document }`, written once, never changed. */
  document: "SubscriptionDocument",
  /** A member's notice, for the `{stage}-subscription-notifications` queue (notification-records.ts). */
  notification: "SubscriptionNotification",
  /** A SHIPPING period's shipment request, for the bus (fulfilment-records.ts). */
  shipment: "ShipmentRequested",
} as const;

/** Where a subscription's documents live in the object store. */
export const DOCUMENT_KEYS = {
  plan: (subscriptionId: string) => `subscriptions/${subscriptionId}/plan.json`,
  receipt: (subscriptionId: string, periodStart: Date) =>
    `subscriptions/${subscriptionId}/cycles/${periodStart.toISOString()}.json`,
} as const;

/**
 * The records of a change's events, written in its transaction: one SubscriptionUpdated 1.0.0 per
 * event on the stream (in the envelope the User Service's worker parses), and the catalogue's bus
 * events for a start and a cancellation.
 */
export function lifecycleRecords(deps: RecordDeps, events: readonly LifecycleEvent[]): OutboxRecord[] {
  return events.flatMap((event) => [
    streamRecord(deps, event),
    ...busRecords(deps, event),
    ...documents(deps, event),
  ]);
}

/**
 * The immutable documents of a change: the plan a subscription was sold on (at its start) and the
 * receipt of each paid cycle. Built only from the change's facts, so a redelivery writes the same bytes.
 */
function documents(deps: RecordDeps, event: LifecycleEvent): OutboxRecord[] {
  const s = event.subscription;
  const document = (key: string, value: unknown): OutboxRecord => ({
    recordId: deps.ids.next(),
    userId: s.userId,
    eventType: OUTBOX_TYPES.document,
    payload: { key, document: value },
  });
  if (event.kind === "activated") {
    return [
      document(DOCUMENT_KEYS.plan(s.subscriptionId), {
        subscription_id: s.subscriptionId,
        plan_id: s.planId,
        tier: s.tier,
        tier_version: s.tierVersion,
        term: s.term,
        price_cents: s.priceCents,
        currency: s.currency,
        sold_at: s.createdAt.toISOString(),
      }),
    ];
  }
  const receipt = event.receipt;
  if (event.kind === "renewed" && receipt) {
    return [
      document(DOCUMENT_KEYS.receipt(s.subscriptionId, receipt.periodStart), {
        subscription_id: s.subscriptionId,
        cycle_id: receipt.cycleId,
        period_start: receipt.periodStart.toISOString(),
        period_end: receipt.periodEnd.toISOString(),
        tier: receipt.tier,
        tier_version: receipt.tierVersion,
        amount_cents: receipt.amountCents,
        currency: receipt.currency,
        confirmation_id: receipt.confirmationId,
        paid_at: receipt.paidAt.toISOString(),
      }),
    ];
  }
  return [];
}

function streamRecord(deps: RecordDeps, event: LifecycleEvent): OutboxRecord {
  const now = deps.clock.now().toISOString();
  const recordId = deps.ids.next();
  const s = event.subscription;
  return {
    recordId,
    userId: s.userId,
    eventType: OUTBOX_TYPES.stream,
    payload: {
      event_id: recordId,
      event_type: "SubscriptionUpdated",
      version: "1.0.0",
      occurred_at: now,
      payload: {
        updated_event: event.kind,
        user_id: s.userId,
        subscription_id: s.subscriptionId,
        updated_at: now,
        ...(event.pauseDate ? { pause_date: event.pauseDate.toISOString() } : {}),
        ...(event.unpauseDate ? { unpause_date: event.unpauseDate.toISOString() } : {}),
        ...(event.nextBillingDate ? { next_billing_date: dateOf(event.nextBillingDate) } : {}),
        status: s.status,
        ...(event.reason ? { reason: event.reason.slice(0, 200) } : {}),
        ...(event.cycleId ? { cycle_id: event.cycleId } : {}),
      },
    },
  };
}

function busRecords(deps: RecordDeps, event: LifecycleEvent): OutboxRecord[] {
  const s = event.subscription;
  const timestamp = deps.clock.now().toISOString();
  if (event.kind === "activated") {
    return [
      {
        recordId: deps.ids.next(),
        userId: s.userId,
        eventType: OUTBOX_TYPES.started,
        payload: {
          subscriptionId: s.subscriptionId,
          userId: s.userId,
          planId: s.planId,
          startDate: s.anchorAt.toISOString(),
          billingCycle: billingFrequencyOf(s.term),
          timestamp,
        },
      },
    ];
  }
  if (event.kind === "cancelled") {
    return [
      {
        recordId: deps.ids.next(),
        userId: s.userId,
        eventType: OUTBOX_TYPES.cancelled,
        payload: {
          subscriptionId: s.subscriptionId,
          userId: s.userId,
          planId: s.planId,
          ...(s.cancellationReason ? { cancellationReason: s.cancellationReason.slice(0, 200) } : {}),
          effectiveDate: (s.cancelledAt ?? deps.clock.now()).toISOString(),
          timestamp,
        },
      },
    ];
  }
  return [];
}
