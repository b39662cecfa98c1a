import type { Flow } from "@eventcatalog/sdk";
import { FLOW_VERSION, flow, MESSAGE, SERVICE, step } from "./steps.ts";

const STRIPE = { name: "Stripe", summary: "The payment gateway, behind the Payment Service (ADR-005)." };

/** The Payment Service's flows: a charge, a refund, a dispute (design: payments.md; src/payments/README.md). */
export const PAYMENT_FLOWS: readonly Flow[] = [
  flow(
    "PaymentCharge",
    "A charge and its PaymentProcessed",
    "A service charges a user under its Idempotency-Key; the charge is written INITIATED before the gateway is called, so a retry never moves money twice, and its outcome reaches the payments stream through the outbox.",
    [
      step(
        1,
        "POST /payments/users/{user_id}/charges with an Idempotency-Key (a renewal, an upgrade fee, a pay-now)",
        { service: SERVICE.subscriptions, summary: "Or the User Service, for its one-time charges." },
        2,
      ),
      step(
        2,
        "The charge written INITIATED under the key, then the gateway called",
        { service: SERVICE.payments },
        3,
      ),
      step(
        3,
        "A PaymentIntent, off_session, with the key charge:<confirmation_id>",
        { externalSystem: STRIPE },
        4,
      ),
      step(
        4,
        "CONFIRMED, PENDING or FAILED, in the transaction that settles the charge (the outbox relays it)",
        { message: MESSAGE.PaymentProcessed },
        5,
        6,
      ),
      step(5, "Payments worker: a renewal's record settles its cycle if the charge's answer was lost", {
        service: SERVICE.subscriptions,
      }),
      step(6, "Payment worker: not CHARGED_BACK, so logged and skipped", { service: SERVICE.users }),
    ],
  ),
  flow(
    "PaymentRefund",
    "A refund and its PaymentRefunded",
    "A refund reserves its amount on the charge before the gateway is called, so the database refuses refunds over what is left however many arrive at once.",
    [
      step(
        1,
        "POST /payments/charges/{confirmation_id}/refunds (a service or an operator)",
        { actor: { name: "Operator or service" } },
        2,
      ),
      step(
        2,
        "The refund written, its cents reserved on the charge, one transaction",
        { service: SERVICE.payments },
        3,
      ),
      step(3, "The refund, with its own key", { externalSystem: STRIPE }, 4),
      step(4, "The refund as the gateway answered it", { message: MESSAGE.PaymentRefunded }, 5),
      step(5, "Payment worker: a refund is skipped", { service: SERVICE.users }),
    ],
  ),
  flow(
    "PaymentDispute",
    "A dispute: the charge charged back, the user banned",
    "The gateway reports a dispute by webhook; the charge follows it (CHARGED_BACK while open or lost). The ban follows the CHARGED_BACK PaymentProcessed record, not PaymentDisputeUpdated, which the User Service skips.",
    [
      step(1, "charge.dispute.created to POST /payments/webhooks/stripe", { externalSystem: STRIPE }, 2),
      step(
        2,
        "Signature checked, applied once per gateway event and only if newer; the charge CHARGED_BACK",
        { service: SERVICE.payments },
        3,
        4,
      ),
      step(3, "The dispute is new or its status moved", { message: MESSAGE.PaymentDisputeUpdated }, 7),
      step(4, "The charge turned CHARGED_BACK", { message: MESSAGE.PaymentProcessed }, 5, 6),
      step(5, "Payments worker: a paid renewal cycle marked disputed", { service: SERVICE.subscriptions }),
      step(6, "The chargeback ban (seed 004)", { flow: { id: "ChargebackBan", version: FLOW_VERSION } }),
      step(7, "Payment worker: a dispute is skipped (the ban follows CHARGED_BACK)", {
        service: SERVICE.users,
      }),
    ],
  ),
];
