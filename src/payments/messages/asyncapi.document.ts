import {
  PaymentDisputeUpdatedV1Schema,
  PaymentProcessedV0Schema,
  PaymentProcessedV1Schema,
  PaymentRefundedV1Schema,
} from "../../contracts/payments/payments.message.ts";
import {
  asyncApiHead,
  channel,
  examplesOf,
  type MessageSpec,
  messageComponents,
  operation,
} from "../../platform/events/asyncapi.builder.ts";

export const PAYMENTS_ASYNCAPI_VERSION = "0.1.0";

const MESSAGES: Record<string, MessageSpec> = {
  PaymentProcessedV0: {
    schema: PaymentProcessedV0Schema,
    summary: "A payment's status, format 0.0.1 (read by consumers of the catalogue's first format).",
    examples: examplesOf(PaymentProcessedV0Schema, ["confirmed"]),
  },
  PaymentProcessedV1: {
    schema: PaymentProcessedV1Schema,
    summary: "A charge's outcome (confirmed, pending, failed), or CHARGED_BACK when a dispute opens.",
    examples: examplesOf(PaymentProcessedV1Schema, ["charged-back"]),
  },
  PaymentRefundedV1: {
    schema: PaymentRefundedV1Schema,
    summary: "A refund of a charge, whole or in part, as the gateway answered it.",
    examples: examplesOf(PaymentRefundedV1Schema, ["succeeded"]),
  },
  PaymentDisputeUpdatedV1: {
    schema: PaymentDisputeUpdatedV1Schema,
    summary: "A dispute opened, moved or closed at the gateway.",
    examples: examplesOf(PaymentDisputeUpdatedV1Schema, ["needs-response"]),
  },
};

/** The Payment Service's stream (seeds 000, 004; issue 12), built from the producer's zod schemas. */
export function paymentsAsyncApiDocument() {
  const sent = ["PaymentProcessedV1", "PaymentRefundedV1", "PaymentDisputeUpdatedV1"];
  return {
    ...asyncApiHead(
      {
        title: "Roster Payment Service events",
        version: PAYMENTS_ASYNCAPI_VERSION,
        description:
          "The `payments` Kinesis stream the Payment Service produces: records in the envelope { event_id, event_type, version, occurred_at, payload }, partition key the user, relayed from its outbox in commit order.",
        tags: [{ name: "payments", description: "What the Payment Service tells the others" }],
      },
      ["kinesis"],
    ),
    channels: {
      payments: channel(
        "kinesis",
        "{stage}-payments",
        "Kinesis stream of the Payment Service, partition key userId.",
        [...sent, "PaymentProcessedV0"],
      ),
    },
    operations: {
      sendPayments: operation("send", "payments", sent, {
        summary: "The outbox relay.",
        description:
          "Every committed charge outcome, refund and dispute change, written in the transaction of the change and relayed in order per user; a crash between the put and the relay's mark sends a record again, so consumers dedupe on event_id.",
        tag: "payments",
      }),
    },
    components: { messages: messageComponents(MESSAGES) },
  };
}
