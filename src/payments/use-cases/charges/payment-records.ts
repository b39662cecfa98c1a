import type { OutboxRecord } from "../../../platform/outbox/outbox-record.ts";
import type { Clock } from "../../../platform/time/clock.port.ts";
import type { IdGenerator } from "../../../platform/time/id-generator.port.ts";
import type { Charge } from "../../domain/charge.ts";
import type { MethodFunding } from "../../domain/payment-method.ts";

export interface RecordDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** The PaymentProcessed statuses of the stream, by the charge's status (INITIATED is never published). */
const PROCESSED_STATUS = {
  CONFIRMED: "confirmed",
  PENDING: "pending",
  FAILED: "failed",
  CHARGED_BACK: "CHARGED_BACK",
} as const;

/** The catalogue's payment method names (PaymentProcessed `paymentMethod`). */
const METHOD_NAME: Readonly<Record<MethodFunding, string>> = {
  debit: "DebitCard",
  credit: "CreditCard",
  prepaid: "DebitCard",
  unknown: "CreditCard",
};

const dollars = (cents: number) => Math.round(cents) / 100;

/**
 * The PaymentProcessed 1.0.0 record of a charge's status, as `contracts/payments/payments.message.ts`
 * defines it: amounts in dollars there, as the catalogue has them.
 */
export function paymentProcessed(
  deps: RecordDeps,
  charge: Charge & { readonly status: keyof typeof PROCESSED_STATUS },
  funding: MethodFunding,
): OutboxRecord {
  const now = deps.clock.now().toISOString();
  const recordId = deps.ids.next();
  return {
    recordId,
    userId: charge.userId,
    eventType: "PaymentProcessed",
    payload: {
      event_id: recordId,
      event_type: "PaymentProcessed",
      version: "1.0.0",
      occurred_at: now,
      payload: {
        // The payment's own id (the contract's transactionId); the gateway's ref stays in the service.
        transactionId: charge.confirmationId,
        userId: charge.userId,
        orderId: charge.billingCycleId ?? charge.confirmationId,
        amount: dollars(charge.amountCents),
        paymentMethod: METHOD_NAME[funding],
        status: PROCESSED_STATUS[charge.status],
        timestamp: now,
        currency: charge.currency,
        ...(charge.subscriptionId ? { subscriptionId: charge.subscriptionId } : {}),
        paymentId: charge.confirmationId,
      },
    },
  };
}
