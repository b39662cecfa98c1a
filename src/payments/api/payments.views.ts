import type { Charge } from "../domain/charge.ts";
import type { PaymentMethod } from "../domain/payment-method.ts";
import type { Refund } from "../domain/refund.ts";

/** The API's snake_case views of the domain's records (never a gateway reference or a key). */
export const chargeView = (charge: Charge) => ({
  confirmation_id: charge.confirmationId,
  user_id: charge.userId,
  kind: charge.kind,
  status: charge.status,
  amount_cents: charge.amountCents,
  refunded_cents: charge.refundedCents,
  currency: charge.currency,
  description: charge.description,
  method_id: charge.methodId,
  ...(charge.declineReason ? { decline_reason: charge.declineReason } : {}),
  ...(charge.subscriptionId ? { subscription_id: charge.subscriptionId } : {}),
  ...(charge.billingCycleId ? { billing_cycle_id: charge.billingCycleId } : {}),
  created_at: charge.createdAt.toISOString(),
  updated_at: charge.updatedAt.toISOString(),
});

export const refundView = (refund: Refund, charge: Charge) => ({
  refund_id: refund.refundId,
  confirmation_id: refund.confirmationId,
  amount_cents: refund.amountCents,
  currency: charge.currency,
  status: refund.status,
  created_at: refund.createdAt.toISOString(),
});

export const methodView = (method: PaymentMethod) => ({
  method_id: method.methodId,
  brand: method.brand,
  last4: method.last4,
  exp_month: method.expMonth,
  exp_year: method.expYear,
  funding: method.funding,
  is_default: method.isDefault,
  status: method.status,
  created_at: method.createdAt.toISOString(),
  ...(method.detachedAt ? { detached_at: method.detachedAt.toISOString() } : {}),
});
