import * as z from "zod";
import { envelopeOf } from "../../platform/events/message-envelope.ts";

/**
 * The `{stage}-payments` stream, published by the Payment Service: PaymentProcessed 0.0.1 and 1.0.0
 * (seeds README) for each charge's outcome (confirmed, pending, failed) and CHARGED_BACK when a dispute
 * opens (seed 004, the only status the User Service's payment worker acts on); PaymentRefunded 1.0.0
 * for each refund and PaymentDisputeUpdated 1.0.0 for each change of a dispute. A consumer chooses by
 * `event_type`, then `version`, and skips the types it does not act on. PaymentProcessed carries
 * dollars (`amount`, as the catalogue has it); the types Roster adds carry whole cents.
 */
const Currency = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD");
const Cents = z.number().int().min(1).meta({ description: "Whole cents of the currency." });

export const PAYMENT_STATUSES = ["confirmed", "pending", "failed", "CHARGED_BACK"] as const;

/**
 * `transactionId` is the payment's own id, as the catalogue's PaymentProcessed has it: Roster's
 * confirmation id of the charge (`paymentId` in 1.0.0 carries the same), never the gateway's reference.
 * The catalogue keeps a gateway's answer apart (`confirmationDetails`), which neither the seeds nor this
 * contract carry: the gateway stays behind the Payment Service (ADR-005), and its `pi_` ref is on no
 * stream and in no API body.
 */
const PaymentV0 = z.strictObject({
  transactionId: z
    .string()
    .min(1)
    .meta({ description: "The payment's own id: Roster's confirmation id, never the gateway's reference." }),
  userId: z.string().min(1),
  orderId: z.string().min(1),
  amount: z.number().nonnegative().meta({ description: "In the currency's major unit (dollars)." }),
  paymentMethod: z.string().min(1),
  status: z.enum(PAYMENT_STATUSES),
  timestamp: z.iso.datetime(),
});

const PaymentV1 = PaymentV0.extend({
  currency: Currency,
  subscriptionId: z.string().min(1).optional().meta({ description: "For a charge of a subscription." }),
  paymentId: z.string().min(1).meta({ description: "The charge's confirmation id (as transactionId)." }),
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
    transactionId: "pay_4001",
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
  description: "0.0.1 plus currency, paymentId and, for a charge of a subscription, subscriptionId.",
  examples: [PAYMENT_CHARGED_BACK_EXAMPLE],
});

export const REFUND_STATUSES = ["succeeded", "pending", "failed"] as const;

export const PAYMENT_REFUNDED_EXAMPLE = {
  event_id: "3c1d9a7e-5b2f-4e8a-9d6c-7a1b2c3d4e5f",
  event_type: "PaymentRefunded",
  version: "1.0.0",
  occurred_at: "2025-03-02T09:15:00.000Z",
  payload: {
    refundId: "re_5001",
    paymentId: "pay_4001",
    userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
    amountCents: 999,
    currency: "USD",
    status: "succeeded",
    timestamp: "2025-03-02T09:15:00.000Z",
  },
} as const;

export const PaymentRefundedV1Schema = envelopeOf(
  z.literal("PaymentRefunded"),
  "1.0.0",
  z.strictObject({
    refundId: z.string().min(1),
    paymentId: z.string().min(1).meta({ description: "The refunded charge's confirmation id." }),
    userId: z.string().min(1),
    amountCents: Cents,
    currency: Currency,
    status: z.enum(REFUND_STATUSES),
    timestamp: z.iso.datetime(),
  }),
).meta({
  title: "PaymentRefunded 1.0.0",
  description: "A refund of a charge, whole or in part, and its state at the gateway.",
  examples: [PAYMENT_REFUNDED_EXAMPLE],
});

/**
 * Stripe's dispute states Roster keeps. `warning_*` inquiries are no chargebacks and are not recorded;
 * one that escalates is recorded from its first chargeback state on, under the same dispute id.
 */
export const DISPUTE_RECORD_STATUSES = ["needs_response", "under_review", "won", "lost"] as const;

export const PAYMENT_DISPUTE_UPDATED_EXAMPLE = {
  event_id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
  event_type: "PaymentDisputeUpdated",
  version: "1.0.0",
  occurred_at: "2025-03-20T08:30:00.000Z",
  payload: {
    disputeId: "dp_6001",
    paymentId: "pay_4001",
    userId: "auth0|5f7c1e2d9b1a4c0069a1b2c3",
    amountCents: 999,
    currency: "USD",
    status: "needs_response",
    timestamp: "2025-03-20T08:30:00.000Z",
  },
} as const;

export const PaymentDisputeUpdatedV1Schema = envelopeOf(
  z.literal("PaymentDisputeUpdated"),
  "1.0.0",
  z.strictObject({
    disputeId: z.string().min(1),
    paymentId: z.string().min(1).meta({ description: "The disputed charge's confirmation id." }),
    userId: z.string().min(1),
    amountCents: Cents,
    currency: Currency,
    status: z.enum(DISPUTE_RECORD_STATUSES),
    timestamp: z.iso.datetime(),
  }),
).meta({
  title: "PaymentDisputeUpdated 1.0.0",
  description: "A dispute opened, moved or closed; its opening also puts CHARGED_BACK on the stream.",
  examples: [PAYMENT_DISPUTE_UPDATED_EXAMPLE],
});

/** PaymentProcessed, by `version`. */
export const PaymentProcessedSchema = z.discriminatedUnion("version", [
  PaymentProcessedV0Schema,
  PaymentProcessedV1Schema,
]);

/** A record of the payments stream: `event_type` chooses the message, then `version` its format. */
export const PaymentRecordSchema = z.discriminatedUnion("event_type", [
  PaymentProcessedSchema,
  PaymentRefundedV1Schema,
  PaymentDisputeUpdatedV1Schema,
]);
export type PaymentRecord = z.infer<typeof PaymentRecordSchema>;
