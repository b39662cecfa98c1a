import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import type { Charge } from "../../domain/charge.ts";
import type { DisputeEffect } from "../../ports/dispute.repository.ts";
import { paymentProcessed, type RecordDeps } from "../charges/payment-records.ts";

/**
 * The records of a dispute event: PaymentDisputeUpdated 1.0.0 when the dispute is new or its status
 * moved, and PaymentProcessed CHARGED_BACK when the charge was charged back by it (the User Service's
 * payment worker bans on that). An event that repeats the stored state writes none, so an escalated
 * inquiry's `updated` and `funds_withdrawn` (or a chargeback's `created` and `funds_withdrawn`) tell once.
 */
export function disputeRecords(deps: RecordDeps, effect: DisputeEffect): OutboxRecord[] {
  if (!effect.disputeChanged && !effect.chargeChanged) return [];
  const now = deps.clock.now().toISOString();
  const recordId = deps.ids.next();
  const { dispute, charge } = effect;
  const updated: OutboxRecord = {
    recordId,
    userId: charge.userId,
    eventType: "PaymentDisputeUpdated",
    payload: {
      event_id: recordId,
      event_type: "PaymentDisputeUpdated",
      version: "1.0.0",
      occurred_at: now,
      payload: {
        disputeId: dispute.disputeId,
        paymentId: charge.confirmationId,
        userId: charge.userId,
        amountCents: dispute.amountCents,
        currency: charge.currency,
        status: dispute.status,
        timestamp: now,
      },
    },
  };
  const chargedBack = effect.chargeChanged && charge.status === "CHARGED_BACK";
  return chargedBack
    ? [updated, paymentProcessed(deps, charge as Charge & { status: "CHARGED_BACK" }, "unknown")]
    : [updated];
}
