import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import type { Fulfilment } from "../../domain/fulfilment.ts";
import type { LifecycleEvent } from "../../domain/lifecycle-event.ts";
import type { RecordDeps } from "./subscription-records.ts";
import { DOCUMENT_KEYS, OUTBOX_TYPES } from "./subscription-records.ts";

type Fields = Record<string, unknown>;

/**
 * The notice a member gets of each change they should hear of (the notification contract,
 * contracts/subscriptions/notification.message.ts), or none: the `{stage}-subscription-notifications`
 * queue's bodies, written in the change's transaction. Changes a member made and was answered for
 * at once (a withdrawn pause, downgrade or cancellation, a new fulfilment channel), an old
 * subscription replaced by a reactivation, a pause's skips before its last, and a chargeback (the
 * User Service bans the member and tells them) have no notice.
 */
function noticeOf(event: LifecycleEvent): { readonly kind: string; readonly fields: Fields } | undefined {
  const s = event.subscription;
  const at = (date: Date | undefined) => (date ? date.toISOString() : undefined);
  const price = { amount_cents: s.priceCents, currency: s.currency };
  switch (event.kind) {
    case "activated":
      return { kind: "subscription_started", fields: { next_billing_date: at(event.nextBillingDate) } };
    case "renewed": {
      const r = event.receipt;
      if (!r) return undefined;
      return {
        kind: "renewal_receipt",
        fields: {
          amount_cents: r.amountCents,
          currency: r.currency,
          period_start: at(r.periodStart),
          period_end: at(r.periodEnd),
          receipt_key: DOCUMENT_KEYS.receipt(s.subscriptionId, r.periodStart),
        },
      };
    }
    case "payment-failed":
      return { kind: "payment_failed", fields: { ...price, next_billing_date: at(event.nextBillingDate) } };
    case "recovered":
      return { kind: "payment_recovered", fields: {} };
    case "upgraded":
    case "downgraded":
      return { kind: "plan_changed", fields: { ...price, next_billing_date: at(s.periodEnd) } };
    case "downgrade-scheduled":
      return { kind: "downgrade_scheduled", fields: { effective_date: at(s.pendingDowngrade?.effective) } };
    case "pause-scheduled":
      return {
        kind: "pause_scheduled",
        fields: { effective_date: s.pause ? `${s.pause.firstSkippedPayment}T00:00:00.000Z` : undefined },
      };
    case "pause-skipped": {
      // The last skipped payment: billing starts again at the next period.
      const pause = s.pause;
      if (!pause || pause.skipped < pause.months) return undefined;
      return { kind: "pause_ending", fields: { ...price, resumes_on: at(event.nextBillingDate) } };
    }
    case "pause-resume":
      return { kind: "pause_ended", fields: { next_billing_date: at(event.nextBillingDate) } };
    case "cancel-scheduled":
      return { kind: "cancellation_scheduled", fields: { effective_date: at(s.cancelAt) } };
    case "cancelled":
      if (s.cancellationReason === "reactivated") return undefined;
      return { kind: "subscription_cancelled", fields: { effective_date: at(s.cancelledAt) } };
    case "expired":
      return { kind: "subscription_expired", fields: { effective_date: at(s.periodEnd) } };
    default:
      return undefined;
  }
}

/** The notices of a change's events and of its paid cycles' fulfilments (a pickup's code). */
export function notificationRecords(
  deps: RecordDeps,
  events: readonly LifecycleEvent[],
  fulfilments: readonly Fulfilment[],
): OutboxRecord[] {
  const occurredAt = deps.clock.now().toISOString();
  const record = (
    base: { userId: string; subscriptionId: string; tier: string },
    kind: string,
    fields: Fields,
  ): OutboxRecord => {
    const recordId = deps.ids.next();
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    return {
      recordId,
      userId: base.userId,
      eventType: OUTBOX_TYPES.notification,
      payload: {
        notification_id: recordId,
        kind,
        user_id: base.userId,
        subscription_id: base.subscriptionId,
        occurred_at: occurredAt,
        tier: base.tier,
        ...defined,
      },
    };
  };
  const fromEvents = events.flatMap((event) => {
    const notice = noticeOf(event);
    return notice ? [record(event.subscription, notice.kind, notice.fields)] : [];
  });
  const pickups = fulfilments.flatMap((f) => {
    if (f.channel !== "IN_STORE_PICKUP" || !f.pickupCode || !f.pickupExpiresAt) return [];
    const renewed = events.find((e) => e.kind === "renewed" && e.cycleId === f.cycleId);
    const tier = renewed?.receipt?.tier ?? renewed?.subscription.tier ?? "";
    return [
      record({ userId: f.userId, subscriptionId: f.subscriptionId, tier }, "pickup_ready", {
        pickup: { store_id: f.storeId, code: f.pickupCode, expires_at: f.pickupExpiresAt.toISOString() },
      }),
    ];
  });
  return [...fromEvents, ...pickups];
}
