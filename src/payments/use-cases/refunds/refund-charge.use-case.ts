import { UnavailableError } from "../../../platform/errors/app.errors.ts";
import { requestHash } from "../../../platform/idempotency/request-hash.ts";
import { requireKind } from "../../../platform/identity/authorize.ts";
import type { Principal } from "../../../platform/identity/principal.ts";
import { type Charge, refundableCents } from "../../domain/charge.ts";
import { GatewayUnavailableError } from "../../domain/gateway.errors.ts";
import { UnknownChargeError } from "../../domain/payment-store.errors.ts";
import type { Refund, RefundOutcome } from "../../domain/refund.ts";
import type { ChargeRepository } from "../../ports/charge.repository.ts";
import type { PaymentGateway } from "../../ports/payment-gateway.port.ts";
import type { RefundRepository } from "../../ports/refund.repository.ts";
import type { RecordDeps } from "../charges/payment-records.ts";
import { paymentRefunded } from "./refund-records.ts";

export interface RefundDeps extends RecordDeps {
  readonly charges: ChargeRepository;
  readonly refunds: RefundRepository;
  readonly gateway: PaymentGateway;
}

/**
 * POST /payments/charges/{confirmation_id}/refunds (services, operators): all that is left of the
 * charge, or `amount_cents` of it. The refund is written and its amount reserved on the charge before
 * the gateway is called, so the database refuses any refund over what is left however many arrive at
 * once; a repeat of the key answers the stored refund, and one left REQUESTED by a crash is sent again
 * with the same gateway key. With nothing left (refunded in full, charged back, never collected) a new
 * key is ChargeNotRefundableError (422 `CHARGE_NOT_REFUNDABLE` with the charge's status).
 */
export async function refundCharge(
  deps: RefundDeps,
  principal: Principal | undefined,
  confirmationId: string,
  input: { readonly amount_cents?: number | undefined },
  idempotencyKey: string,
): Promise<{ readonly refund: Refund; readonly charge: Charge }> {
  requireKind(principal, ["service", "operator"]);
  const charge = await deps.charges.getCharge(confirmationId);
  if (!charge) throw new UnknownChargeError();
  const { refund, charge: reserved } = await deps.refunds.recordRefund(
    {
      confirmationId,
      amountCents: input.amount_cents ?? refundableCents(charge),
      idempotencyKey,
      requestHash: requestHash({ confirmationId, ...input }),
    },
    [],
  );
  if (refund.status !== "REQUESTED") return { refund, charge: reserved };
  return sendRefund(deps, reserved, refund);
}

async function sendRefund(deps: RefundDeps, charge: Charge, refund: Refund) {
  let outcome: RefundOutcome;
  try {
    const answer = await deps.gateway.refund({
      chargeRef: charge.gatewayRef ?? "",
      amountCents: refund.amountCents,
      idempotencyKey: `refund:${refund.refundId}`,
    });
    const status =
      answer.status === "succeeded" ? "SUCCEEDED" : answer.status === "pending" ? "PENDING" : "FAILED";
    outcome = { status, gatewayRef: answer.ref };
  } catch (error) {
    // The refund stays REQUESTED with its amount reserved: a repeat with the same key sends it again.
    if (error instanceof GatewayUnavailableError)
      throw new UnavailableError("the payment gateway did not answer; repeat with the same Idempotency-Key");
    throw error;
  }
  const settled = await deps.refunds.settleRefund(refund.refundId, outcome, [
    paymentRefunded(deps, charge, { ...refund, status: outcome.status }),
  ]);
  return { refund: settled.refund, charge: settled.charge };
}
