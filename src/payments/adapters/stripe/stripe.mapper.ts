import type Stripe from "stripe";
import {
  type DeclineReason,
  type DisputeStatus,
  FUNDING_KINDS,
  type Funding,
  type GatewayEvent,
  type GatewayPaymentMethod,
  type GatewayRefund,
} from "../../ports/payment-gateway.port.ts";

/**
 * Stripe's decline codes (https://docs.stripe.com/declines/codes) and error codes
 * (https://docs.stripe.com/error-codes) in Roster's few reasons. Only what a person can act on differs;
 * every other code (generic_decline, do_not_honor, ...) is `card_declined`.
 */
const DECLINES: Readonly<Record<string, DeclineReason>> = {
  insufficient_funds: "insufficient_funds",
  card_velocity_exceeded: "insufficient_funds",
  withdrawal_count_limit_exceeded: "insufficient_funds",
  expired_card: "expired_card",
  incorrect_cvc: "incorrect_cvc",
  invalid_cvc: "incorrect_cvc",
  fraudulent: "fraud_suspected",
  stolen_card: "fraud_suspected",
  lost_card: "fraud_suspected",
  pickup_card: "fraud_suspected",
  merchant_blacklist: "fraud_suspected",
  authentication_required: "authentication_required",
  processing_error: "processing_error",
};

/** The issuer's `decline_code` says more than Stripe's `code` (which is mostly `card_declined`). */
export function declineReason(declineCode: string | undefined | null, code: string | undefined | null) {
  return DECLINES[declineCode ?? ""] ?? DECLINES[code ?? ""] ?? "card_declined";
}

/**
 * Dispute statuses (https://docs.stripe.com/api/disputes/object#dispute_object-status) in the port's
 * four. `appeal_*` are second rounds and take the meaning of the stage they are in; `prevented` (a
 * prevention service refunded the cardholder instead) is `lost`, since the money went back to the
 * cardholder either way. `warning_*` are inquiries and never reach this table (see `isInquiry`).
 */
const DISPUTES: Readonly<Record<string, DisputeStatus>> = {
  needs_response: "needs_response",
  appeal_needs_response: "needs_response",
  under_review: "under_review",
  appeal_under_review: "under_review",
  won: "won",
  lost: "lost",
  prevented: "lost",
};

/**
 * An inquiry (`warning_needs_response`, `warning_under_review`, `warning_closed`) is the issuer asking
 * about a charge before any chargeback: no funds are withdrawn
 * (https://docs.stripe.com/disputes/how-disputes-work), so it must not read as one (a
 * CHARGED_BACK record bans the user). Its webhooks are ignored, whatever their type. One that escalates
 * keeps its dispute id and leaves `warning_*` for a chargeback's status (`needs_response`), which
 * Stripe announces by `charge.dispute.updated` and `charge.dispute.funds_withdrawn`: from those on it
 * is a chargeback like any other.
 */
const isInquiry = (status: string): boolean => status.startsWith("warning_");

/** A card PaymentMethod (https://docs.stripe.com/api/payment_methods/object#payment_method_object-card). */
export function toPaymentMethod(method: Stripe.PaymentMethod): GatewayPaymentMethod {
  const card = method.card;
  return {
    ref: method.id,
    brand: (card?.brand ?? "unknown").toLowerCase(),
    last4: card?.last4 ?? "",
    expMonth: card?.exp_month ?? 0,
    expYear: card?.exp_year ?? 0,
    funding: toFunding(card?.funding),
  };
}

function toFunding(funding: string | null | undefined): Funding {
  return (FUNDING_KINDS as readonly string[]).includes(funding ?? "") ? (funding as Funding) : "unknown";
}

/** Refund statuses (https://docs.stripe.com/api/refunds/object#refund_object-status). */
export function toRefund(refund: Stripe.Refund): GatewayRefund {
  const status =
    refund.status === "succeeded"
      ? "succeeded"
      : refund.status === "failed" || refund.status === "canceled"
        ? "failed"
        : "pending"; // pending, requires_action: not final yet
  return { ref: refund.id, status };
}

/**
 * The dispute events Roster acts on. Each carries the Dispute as it is now, and its `status` (not the
 * event's type) decides what the charge does; `updated` and `funds_withdrawn` matter for an escalated
 * inquiry, whose `created` was a `warning_*` and ignored. For a dispute that opened as a chargeback they
 * repeat its `created` state and change nothing (the repository writes records only on a change).
 */
const DISPUTE_EVENTS = {
  "charge.dispute.created": "dispute.opened",
  "charge.dispute.updated": "dispute.updated",
  "charge.dispute.funds_withdrawn": "dispute.updated",
  "charge.dispute.closed": "dispute.closed",
} as const;

/**
 * The events Roster acts on (https://docs.stripe.com/api/events/types). A dispute names the
 * PaymentIntent (`payment_intent`), which is what Roster keeps as a charge's ref; one without it is no
 * charge of Roster's (every Roster charge is a PaymentIntent) and is ignored, as is an inquiry.
 */
export function toGatewayEvent(event: Stripe.Event): GatewayEvent {
  const base = { eventId: event.id, occurredAt: new Date(event.created * 1000) };
  switch (event.type) {
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.funds_withdrawn":
    case "charge.dispute.closed": {
      const dispute = event.data.object;
      const chargeRef = refOf(dispute.payment_intent);
      if (chargeRef === undefined || isInquiry(dispute.status)) break;
      return {
        ...base,
        kind: DISPUTE_EVENTS[event.type],
        disputeRef: dispute.id,
        chargeRef,
        amountCents: dispute.amount,
        status: DISPUTES[dispute.status] ?? "needs_response",
      };
    }
    case "payment_intent.succeeded":
      return { ...base, kind: "charge.settled", chargeRef: event.data.object.id };
    case "payment_intent.payment_failed": {
      const failure = event.data.object.last_payment_error;
      const reason = declineReason(failure?.decline_code, failure?.code);
      return { ...base, kind: "charge.failed", chargeRef: event.data.object.id, reason };
    }
  }
  return { kind: "ignored", eventId: event.id, type: event.type };
}

const refOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : value?.id;
