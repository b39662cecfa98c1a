import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import type { Charge } from "../../domain/charge.ts";
import type { Refund } from "../../domain/refund.ts";
import type { RecordDeps } from "../charges/payment-records.ts";

const STREAM_STATUS = { PENDING: "pending", SUCCEEDED: "succeeded", FAILED: "failed" } as const;

/** The PaymentRefunded 1.0.0 record of a refund the gateway answered (whole cents). */
export function paymentRefunded(
  deps: RecordDeps,
  charge: Charge,
  refund: Refund & { readonly status: keyof typeof STREAM_STATUS },
): OutboxRecord {
  const now = deps.clock.now().toISOString();
  const recordId = deps.ids.next();
  return {
    recordId,
    userId: charge.userId,
    eventType: "PaymentRefunded",
    payload: {
      event_id: recordId,
      event_type: "PaymentRefunded",
      version: "1.0.0",
      occurred_at: now,
      payload: {
        refundId: refund.refundId,
        paymentId: charge.confirmationId,
        userId: charge.userId,
        amountCents: refund.amountCents,
        currency: charge.currency,
        status: STREAM_STATUS[refund.status],
        timestamp: now,
      },
    },
  };
}
