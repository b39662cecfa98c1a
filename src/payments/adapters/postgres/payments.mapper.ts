import type { Charge } from "../../domain/charge.ts";
import type { Dispute } from "../../domain/dispute.ts";
import type { PaymentMethod } from "../../domain/payment-method.ts";
import type { Refund } from "../../domain/refund.ts";
import type { ChargeRow, DisputeRow, PaymentMethodRow, RefundRow } from "./payments.tables.ts";

/** Rows to domain records: NULL columns become absent fields. */
export function chargeOf(row: ChargeRow): Charge {
  return {
    confirmationId: row.confirmation_id,
    userId: row.user_id,
    kind: row.kind,
    ...(row.subscription_id === null ? {} : { subscriptionId: row.subscription_id }),
    ...(row.billing_cycle_id === null ? {} : { billingCycleId: row.billing_cycle_id }),
    amountCents: row.amount_cents,
    currency: row.currency,
    description: row.description,
    methodId: row.method_id,
    status: row.status,
    ...(row.decline_reason === null ? {} : { declineReason: row.decline_reason }),
    ...(row.gateway_ref === null ? {} : { gatewayRef: row.gateway_ref }),
    idempotencyKey: row.idempotency_key,
    refundedCents: row.refunded_cents,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function methodOf(row: PaymentMethodRow): PaymentMethod {
  return {
    methodId: row.method_id,
    userId: row.user_id,
    gatewayRef: row.gateway_ref,
    brand: row.brand,
    last4: row.last4,
    expMonth: row.exp_month,
    expYear: row.exp_year,
    funding: row.funding,
    isDefault: row.is_default,
    status: row.status,
    createdAt: row.created_at,
    ...(row.detached_at === null ? {} : { detachedAt: row.detached_at }),
  };
}

export function refundOf(row: RefundRow): Refund {
  return {
    refundId: row.refund_id,
    confirmationId: row.confirmation_id,
    amountCents: row.amount_cents,
    status: row.status,
    ...(row.gateway_ref === null ? {} : { gatewayRef: row.gateway_ref }),
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function disputeOf(row: DisputeRow): Dispute {
  return {
    disputeId: row.dispute_id,
    confirmationId: row.confirmation_id,
    amountCents: row.amount_cents,
    status: row.status,
    openedAt: row.opened_at,
    ...(row.closed_at === null ? {} : { closedAt: row.closed_at }),
    lastEventAt: row.last_event_at,
  };
}
