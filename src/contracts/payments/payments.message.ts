import * as z from "zod";
import { envelopeOf } from "../../platform/events/message-envelope.ts";

/**
 * The `{stage}-payments` stream, published by the Payment Service: PaymentProcessed 0.0.1 and 1.0.0
 * (seeds README). Besides the PaymentProcessed outcomes (confirmed, pending, failed) a payment can be
 * reported CHARGED_BACK (seed 004), the only status the payment worker acts on.
 */
export const PAYMENT_STATUSES = ["confirmed", "pending", "failed", "CHARGED_BACK"] as const;

const PaymentV0 = z.strictObject({
  transactionId: z.string().min(1),
  userId: z.string().min(1),
  orderId: z.string().min(1),
  amount: z.number().nonnegative().meta({ description: "In the currency's major unit (dollars)." }),
  paymentMethod: z.string().min(1),
  status: z.enum(PAYMENT_STATUSES),
  timestamp: z.iso.datetime(),
});

const PaymentV1 = PaymentV0.extend({
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD"),
  subscriptionId: z.string().min(1),
  paymentId: z.string().min(1),
});

export type Payment = z.infer<typeof PaymentV0> & Partial<z.infer<typeof PaymentV1>>;

const EVENT_TYPE = z.literal("PaymentProcessed");

export const PAYMENT_PROCESSED_V0_EXAMPLE = {
  event_id: "0b6f9d0e-2c4e-4a51-9a43-5f1f0c8d7e21",
  event_type: "PaymentProcessed",
  version: "0.0.1",
  occurred_at: "2025-03-01T12:00:00.000Z",
  payload: {
    transactionId: "txn_1001",
    userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
    orderId: "ord_2001",
    amount: 9.99,
    paymentMethod: "DebitCard",
    status: "confirmed",
    timestamp: "2025-03-01T12:00:00.000Z",
  },
} as const;

export const PAYMENT_CHARGED_BACK_EXAMPLE = {
  event_id: "7d3a2b1c-9e8f-4a6b-8c5d-1e2f3a4b5c6d",
  event_type: "PaymentProcessed",
  version: "1.0.0",
  occurred_at: "2025-03-20T08:30:00.000Z",
  payload: {
    transactionId: "txn_1001",
    userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
    orderId: "ord_2001",
    amount: 9.99,
    paymentMethod: "DebitCard",
    status: "CHARGED_BACK",
    timestamp: "2025-03-20T08:30:00.000Z",
    currency: "USD",
    subscriptionId: "sub_3001",
    paymentId: "pay_4001",
  },
} as const;

export const PaymentProcessedV0Schema = envelopeOf(EVENT_TYPE, "0.0.1", PaymentV0).meta({
  title: "PaymentProcessed 0.0.1",
  examples: [PAYMENT_PROCESSED_V0_EXAMPLE],
});

export const PaymentProcessedV1Schema = envelopeOf(EVENT_TYPE, "1.0.0", PaymentV1).meta({
  title: "PaymentProcessed 1.0.0",
  description: "0.0.1 plus currency, subscriptionId and paymentId.",
  examples: [PAYMENT_CHARGED_BACK_EXAMPLE],
});

/** A record of the payments stream: the envelope's `version` chooses the payload's format. */
export const PaymentRecordSchema = z.discriminatedUnion("version", [
  PaymentProcessedV0Schema,
  PaymentProcessedV1Schema,
]);
export type PaymentRecord = z.infer<typeof PaymentRecordSchema>;
